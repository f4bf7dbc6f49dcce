package io.raftlens.raft.fabric.ab;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes deliver streams waiting for a block: the runtime calls {@link #blockWritten} after each append; waiters
 * re-read the ledger height (a timeout bounds the wait so a cancelled stream notices soon).
 */
public final class BlockArrivals {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private long generation;

    public void blockWritten() {
        lock.lock();
        try {
            generation++;
            written.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a block is written after {@code seen} or the timeout passes; returns the current generation. */
    long await(long seen, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                written.awaitNanos(left);
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }
}
