package io.raftlens.raft.core.sim;

/** A Raft safety property did not hold; the message names the property, the node and the indexes involved. */
public final class InvariantViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super(message);
    }
}
