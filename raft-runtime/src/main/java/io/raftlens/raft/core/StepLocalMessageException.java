package io.raftlens.raft.core;

/** etcd's error "raft: cannot step raft local message". */
public final class StepLocalMessageException extends RaftException {
    public StepLocalMessageException() {
        super("raft: cannot step raft local message");
    }

    public StepLocalMessageException(String message) {
        super(message);
    }
}
