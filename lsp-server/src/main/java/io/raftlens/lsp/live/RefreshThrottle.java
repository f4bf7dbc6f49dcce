package io.raftlens.lsp.live;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action at most once per interval: the first request after a quiet period runs at once, requests
 * arriving while one is due are coalesced into it. A burst of Raft events (an election touches every node)
 * thus costs one refresh, and a steady stream of committed blocks at most five a second.
 */
final class RefreshThrottle {

    private final ScheduledExecutorService executor;
    private final long intervalNanos;
    private final Runnable action;
    private boolean due;
    private long lastRun = System.nanoTime() - Long.MAX_VALUE / 2;

    RefreshThrottle(ScheduledExecutorService executor, long intervalMillis, Runnable action) {
        this.executor = executor;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.action = action;
    }

    synchronized void request() {
        if (due || executor.isShutdown()) {
            return;
        }
        due = true;
        long wait = Math.max(0, lastRun + intervalNanos - System.nanoTime());
        executor.schedule(this::run, wait, TimeUnit.NANOSECONDS);
    }

    private void run() {
        synchronized (this) {
            due = false;
            lastRun = System.nanoTime();
        }
        action.run();
    }
}
