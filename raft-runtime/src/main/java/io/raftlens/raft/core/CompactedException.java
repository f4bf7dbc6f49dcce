package io.raftlens.raft.core;

/** etcd's error "requested index is unavailable due to compaction". */
public final class CompactedException extends RaftException {
    public CompactedException() {
        super("requested index is unavailable due to compaction", false);
    }

    public CompactedException(String message) {
        super(message);
    }
}
