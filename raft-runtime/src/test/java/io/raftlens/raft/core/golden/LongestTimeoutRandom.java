package io.raftlens.raft.core.golden;

import java.util.random.RandomGenerator;

/**
 * A "random" source whose every bounded draw is the largest value allowed, so each randomized election timeout
 * is 2·ElectionTick−1: scripts are deterministic, and a node never campaigns on its own during one
 * {@code tick-election} (ElectionTick ticks).
 */
final class LongestTimeoutRandom implements RandomGenerator {

    @Override
    public long nextLong() {
        return -1L;   // all bits set: unbounded draws derived from it land at the top of their range too
    }

    @Override
    public int nextInt(int bound) {
        return bound - 1;
    }

    @Override
    public int nextInt(int origin, int bound) {
        return bound - 1;
    }

    @Override
    public long nextLong(long bound) {
        return bound - 1;
    }

    @Override
    public long nextLong(long origin, long bound) {
        return bound - 1;
    }
}
