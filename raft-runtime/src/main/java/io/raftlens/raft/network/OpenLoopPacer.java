package io.raftlens.raft.network;

import java.util.concurrent.TimeUnit;

/**
 * The send schedule of a benchmark's load loop: at {@code rate} per second from {@code start} (open loop, so a slow
 * system does not slow the offered load), or always due when the rate is 0 (closed loop, bounded by the window).
 */
final class OpenLoopPacer {
    private final long interval;
    private long next;

    OpenLoopPacer(int rate, long start) {
        this.interval = rate > 0 ? 1_000_000_000L / rate : 0;
        this.next = start;
    }

    /**
     * Whether the next transaction is due now. When it is not, sleeps most of the wait (spinning only the last
     * 0.1 ms, as a parked thread wakes late) and answers false: the caller checks its deadline and asks again.
     */
    boolean due() throws InterruptedException {
        if (interval == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now < next) {
            long sleep = next - now;
            if (sleep > 200_000) {
                TimeUnit.NANOSECONDS.sleep(sleep - 100_000);
            }
            return false;
        }
        next += interval;
        return true;
    }
}
