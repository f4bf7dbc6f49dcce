package io.raftlens.raft.core;

/** etcd's error "snapshot is temporarily unavailable". */
public final class SnapshotTemporarilyUnavailableException extends RaftException {
    public SnapshotTemporarilyUnavailableException() {
        super("snapshot is temporarily unavailable", false);
    }

    public SnapshotTemporarilyUnavailableException(String message) {
        super(message);
    }
}
