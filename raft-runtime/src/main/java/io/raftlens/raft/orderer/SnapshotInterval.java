package io.raftlens.raft.orderer;

/**
 * When to take a Raft snapshot: every {@code SnapshotIntervalSize} bytes of applied block entries, as Fabric
 * etcdraft's chain counts them ({@code accDataSize}). The snapshot's data is the marshaled last block, as in
 * Fabric, so a node restored from it knows the chain's tip. Not thread-safe: the apply step owns it.
 */
public final class SnapshotInterval {
    /** Fabric's DefaultSnapshotIntervalSize, used when the option is 0. */
    public static final long DEFAULT_BYTES = 16L * 1024 * 1024;

    private long limit;
    private long accumulated;

    public SnapshotInterval(long intervalBytes) {
        update(intervalBytes);
    }

    /** SnapshotIntervalSize takes effect at run time (the only etcdraft option that does). */
    public void update(long intervalBytes) {
        this.limit = intervalBytes <= 0 ? DEFAULT_BYTES : intervalBytes;
    }

    /** Counts an applied block entry; true when a snapshot is due (call {@link #taken()} once it is saved). */
    public boolean applied(long entryBytes) {
        accumulated += entryBytes;
        return accumulated >= limit;
    }

    /** Fabric's log line for the snapshot about to be taken; call it before {@link #taken()}. */
    public String describe(long blockNumber, long raftIndex, long lastSnapshotBlock, java.util.List<Long> voters) {
        return "Accumulated " + accumulated + " bytes since last snapshot, exceeding size limit (" + limit
                + " bytes), taking snapshot at block [" + blockNumber + "] (index: " + raftIndex
                + "), last snapshotted block number is " + lastSnapshotBlock + ", current nodes: " + voters;
    }

    /** The snapshot was handed to the disk; counting restarts. */
    public void taken() {
        accumulated = 0;
    }

    public long accumulated() {
        return accumulated;
    }

    public long limit() {
        return limit;
    }
}
