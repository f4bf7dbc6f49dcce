package io.raftlens.lsp.live;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action at most once per interval, coalescing requests: the first request after a quiet period
 * runs after a short gathering delay, later ones join the run that is due. An election's burst of events
 * (pre-candidate, candidate, leader, every follower's new leader: a few milliseconds apart) thus shows up
 * as one refresh with its outcome, and a steady stream of committed blocks costs at most five a second.
 */
final class RefreshThrottle {

    private final ScheduledExecutorService executor;
    private final long intervalNanos;
    private final long gatherNanos;
    private final Runnable action;
    private boolean due;
    private long lastRun = System.nanoTime() - Long.MAX_VALUE / 2;

    RefreshThrottle(ScheduledExecutorService executor, long intervalMillis, long gatherMillis, Runnable action) {
        this.executor = executor;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.gatherNanos = TimeUnit.MILLISECONDS.toNanos(gatherMillis);
        this.action = action;
    }

    synchronized void request() {
        if (due || executor.isShutdown()) {
            return;
        }
        due = true;
        long wait = Math.max(gatherNanos, lastRun + intervalNanos - System.nanoTime());
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
