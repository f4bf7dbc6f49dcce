package io.raftlens.raft.core;

/** Base of the core's unchecked exceptions (etcd's sentinel errors). */
public class RaftException extends RuntimeException {
    public RaftException(String message) {
        super(message);
    }
}
