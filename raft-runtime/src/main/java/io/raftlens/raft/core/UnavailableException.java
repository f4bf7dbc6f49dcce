package io.raftlens.raft.core;

/** etcd's error "requested entry at index is unavailable". */
public final class UnavailableException extends RaftException {
    public UnavailableException() {
        super("requested entry at index is unavailable", false);
    }

    public UnavailableException(String message) {
        super(message);
    }
}
