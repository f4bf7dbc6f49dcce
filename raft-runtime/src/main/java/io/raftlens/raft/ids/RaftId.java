package io.raftlens.raft.ids;

/**
 * A consenter's id inside one channel's Raft group (etcd raft's {@code uint64} node id; Fabric's consenter id in
 * the channel's etcdraft metadata). It equals the {@link NodeId} for the consenters of the genesis block and differs
 * for one added by a config update. 0 is {@link #NONE} (Raft's "no leader"). Its text is the bare number. The value
 * is a {@code uint64} held in a {@code long}, as everywhere in the core.
 */
public record RaftId(long value) implements Comparable<RaftId> {

    public static final RaftId NONE = new RaftId(0);

    public static RaftId of(long value) {
        return value == 0 ? NONE : new RaftId(value);
    }

    public boolean isNone() {
        return value == 0;
    }

    @Override
    public int compareTo(RaftId o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
