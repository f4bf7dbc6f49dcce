package io.raftlens.raft.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A chain's timers on the node's shared scheduler: the periodic ones (Raft ticks, campaigns, eviction checks) and
 * the one-shot ones the chain core asks for (BatchTimeout, the abdication wait, catch-up retries), which fire onto the
 * chain thread. A firing after the chain stopped is dropped. The batch and abdication timers are armed from the chain
 * thread only.
 */
final class ChainTimers {

    private final ScheduledExecutorService scheduler;
    private final Executor chainThread;
    private final List<ScheduledFuture<?>> periodic = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> batch;
    private ScheduledFuture<?> abdication;

    ChainTimers(ScheduledExecutorService scheduler, Executor chainThread) {
        this.scheduler = scheduler;
        this.chainThread = chainThread;
    }

    /** Runs {@code task} every {@code periodMs} on the scheduler's thread (e.g. a tick handed to the Raft loop). */
    void every(long periodMs, Runnable task) {
        periodic.add(scheduler.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS));
    }

    /** Runs {@code task} every {@code periodMs} on the chain thread. */
    void everyOnChain(long periodMs, Runnable task) {
        every(periodMs, () -> onChain(task));
    }

    /** Runs {@code task} once, after {@code after}, on the chain thread. */
    void once(Duration after, Runnable task) {
        scheduler.schedule(() -> onChain(task), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Arms the BatchTimeout timer (disarming the one before). */
    void startBatch(Duration after, Runnable task) {
        stopBatch();
        batch = scheduler.schedule(() -> onChain(task), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopBatch() {
        if (batch != null) {
            batch.cancel(false);
            batch = null;
        }
    }

    void startAbdication(Duration after, Runnable task) {
        abdication = scheduler.schedule(() -> onChain(task), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopAbdication() {
        if (abdication != null) {
            abdication.cancel(false);
            abdication = null;
        }
    }

    /** Stops the periodic timers (the chain halts or stops). */
    void cancelPeriodic() {
        periodic.forEach(s -> s.cancel(false));
    }

    private void onChain(Runnable task) {
        try {
            chainThread.execute(task);
        } catch (RejectedExecutionException stopped) {
            // the chain stopped meanwhile
        }
    }
}
