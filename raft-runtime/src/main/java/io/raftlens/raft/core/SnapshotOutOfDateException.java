package io.raftlens.raft.core;

/** etcd's error "requested index is older than the existing snapshot". */
public final class SnapshotOutOfDateException extends RaftException {
    public SnapshotOutOfDateException() {
        super("requested index is older than the existing snapshot");
    }

    public SnapshotOutOfDateException(String message) {
        super(message);
    }
}
