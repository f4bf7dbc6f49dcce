package io.raftlens.raft.network;

/**
 * An HTTP request the control API refuses, with its status (401 no token, 403 not loopback, 400 bad body …). Thrown
 * only by {@link ControlServer}; the network itself refuses with {@link NetworkOperationException}.
 */
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
