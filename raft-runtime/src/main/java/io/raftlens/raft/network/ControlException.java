package io.raftlens.raft.network;

/** A control request that cannot be done, with the HTTP status that says why (404 unknown node, 409 state …). */
public final class ControlException extends RuntimeException {

    private final int httpStatus;

    public ControlException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
