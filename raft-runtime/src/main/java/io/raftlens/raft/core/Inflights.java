package io.raftlens.raft.core;

/**
 * Sliding window of in-flight MsgApps to one follower (etcd tracker/inflights.go): a ring buffer of the
 * last entry index of each message, freed as acknowledgements arrive.
 */
final class Inflights {
    private final int size;
    private final long[] buffer;
    private int start;
    private int count;

    Inflights(int size) {
        this.size = size;
        this.buffer = new long[size];
    }

    /** Records a message whose last entry has the given index; indexes must increase. */
    void add(long index) {
        if (full()) {
            throw new IllegalStateException("cannot add into a Full inflights");
        }
        int next = start + count;
        if (next >= size) {
            next -= size;
        }
        buffer[next] = index;
        count++;
    }

    /** Frees every message whose last index is <= to. */
    void freeLE(long to) {
        if (count == 0 || to < buffer[start]) {
            return;
        }
        int idx = start;
        int i;
        for (i = 0; i < count; i++) {
            if (to < buffer[idx]) {
                break;
            }
            if (++idx >= size) {
                idx -= size;
            }
        }
        count -= i;
        start = count == 0 ? 0 : idx;
    }

    boolean full() {
        return count == size;
    }

    int count() {
        return count;
    }

    void reset() {
        count = 0;
        start = 0;
    }
}
