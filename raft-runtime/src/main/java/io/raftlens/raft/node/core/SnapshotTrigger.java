package io.raftlens.raft.node.core;

/**
 * When a chain takes a local snapshot, as Fabric's etcdraft {@code apply} decides it (chain.go, the end of
 * {@code apply}): the data of every normal entry with data is accumulated, re-applied ones included; once an apply
 * batch leaves at least SnapshotIntervalSize bytes accumulated, a snapshot is taken at the batch's last normal entry
 * with data — unless the previous one is still being taken, which Fabric skips with a warning (its
 * {@code gcC} channel is unbuffered), keeping the bytes for the next batch. Pure bookkeeping; {@link ChainCore}
 * logs and acts.
 */
final class SnapshotTrigger {

    private long sizeLimit;
    private long accumulated;
    private long lastSnapshotBlock;
    private boolean inProgress;

    /**
     * @param sizeLimit         SnapshotIntervalSize in bytes
     * @param lastSnapshotBlock the block of the last snapshot taken (0: none)
     */
    SnapshotTrigger(long sizeLimit, long lastSnapshotBlock) {
        this.sizeLimit = sizeLimit;
        this.lastSnapshotBlock = lastSnapshotBlock;
    }

    /** A normal entry with {@code bytes} of data was applied (or skipped as already applied). */
    void accumulate(long bytes) {
        accumulated += bytes;
    }

    /** Whether the batch just applied reached the limit. */
    boolean due() {
        return accumulated >= sizeLimit;
    }

    boolean inProgress() {
        return inProgress;
    }

    long accumulated() {
        return accumulated;
    }

    long sizeLimit() {
        return sizeLimit;
    }

    /** A config block set SnapshotIntervalSize to {@code bytes} (0: unset, kept). Returns the limit before, or -1 when unchanged. */
    long sizeLimit(long bytes) {
        if (bytes == 0 || bytes == sizeLimit) {
            return -1;
        }
        long before = sizeLimit;
        sizeLimit = bytes;
        return before;
    }

    long lastSnapshotBlock() {
        return lastSnapshotBlock;
    }

    /** A snapshot holding block {@code number} is being taken: count from zero again. */
    void taking(long number) {
        inProgress = true;
        accumulated = 0;
        lastSnapshotBlock = number;
    }

    /** The snapshot being taken is saved. */
    void taken() {
        inProgress = false;
    }

    /** A snapshot from the leader holding block {@code number} was installed and caught up with. */
    void installed(long number) {
        lastSnapshotBlock = number;
    }
}
