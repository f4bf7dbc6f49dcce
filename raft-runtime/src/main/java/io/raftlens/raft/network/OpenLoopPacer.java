package io.raftlens.raft.network;

import java.util.concurrent.TimeUnit;

/**
 * The send schedule of a benchmark's load loop: at {@code rate} per second from {@code start} (open loop, so a slow
 * system does not slow the offered load), or always due when the rate is 0 (closed loop, bounded by the window).
 */
final class OpenLoopPacer {
    private final long interval;
    private long next;
    private long scheduled;

    OpenLoopPacer(int rate, long start) {
        this.interval = rate > 0 ? 1_000_000_000L / rate : 0;
        this.next = start;
    }

    /**
     * Whether the next transaction is due now. When it is not, sleeps until it is and answers false: the caller checks
     * its deadline and asks again. A sleeping thread wakes some tens of microseconds late, so after a sleep the
     * transactions that fell due meanwhile are sent back to back, each still counted from its own scheduled time
     * ({@link #scheduled()}). The sender never spins: at 5,000 tx/s a spin-wait between sends used about half a core
     * of the two the measured orderers share.
     */
    boolean due() throws InterruptedException {
        if (interval == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now < next) {
            TimeUnit.NANOSECONDS.sleep(next - now);
            return false;
        }
        scheduled = next;
        next += interval;
        return true;
    }

    /**
     * When the transaction {@link #due()} last released was scheduled to be sent (open loop), which is where its
     * latency starts, so that a sender that fell behind does not hide the system's delay (coordinated omission);
     * now, in a closed loop.
     */
    long scheduled() {
        return interval == 0 ? System.nanoTime() : scheduled;
    }
}
