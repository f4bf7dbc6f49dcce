package io.raftlens.raft.core;

/** Base of the core's unchecked exceptions (etcd's sentinel errors). */
public class RaftException extends RuntimeException {
    public RaftException(String message) {
        super(message);
    }

    /** For conditions raised in normal operation (compaction, unavailability): no stack trace to fill. */
    RaftException(String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
    }
}
