package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Coalescing and spacing of refreshes, with the scheduled tasks run by hand (no clock waits). */
class RefreshThrottleTest {

    /** Records scheduled tasks and their delays instead of running them. */
    static final class ManualScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delaysMillis = new ArrayList<>();

        ManualScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            tasks.add(command);
            delaysMillis.add(unit.toMillis(delay));
            return new ScheduledFuture<Object>() {
                public long getDelay(TimeUnit u) { return 0; }
                public int compareTo(Delayed o) { return 0; }
                public boolean cancel(boolean b) { return false; }
                public boolean isCancelled() { return false; }
                public boolean isDone() { return false; }
                public Object get() { return null; }
                public Object get(long t, TimeUnit u) { return null; }
            };
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        void runNext() {
            tasks.remove(0).run();
        }
    }

    @Test
    void aBurstIsOneRefreshAndTheNextWaitsForTheInterval() {
        ManualScheduler scheduler = new ManualScheduler();
        int[] runs = {0};
        RefreshThrottle throttle = new RefreshThrottle(scheduler, 200, 40, () -> runs[0]++);
        for (int i = 0; i < 50; i++) {
            throttle.request();
        }
        assertEquals(1, scheduler.tasks.size(), "a burst schedules one refresh");
        assertEquals(40L, scheduler.delaysMillis.get(0), "after a quiet spell: the gathering delay");
        scheduler.runNext();
        assertEquals(1, runs[0]);
        throttle.request();
        throttle.request();
        assertEquals(1, scheduler.tasks.size());
        long next = scheduler.delaysMillis.get(1);
        assertEquals(true, next > 100 && next <= 200, "the next refresh waits out the 200 ms interval, was " + next);
        scheduler.runNext();
        assertEquals(2, runs[0]);
        scheduler.shutdownNow();
        throttle.request();
        assertEquals(0, scheduler.tasks.size(), "nothing is scheduled once shut down");
    }
}
