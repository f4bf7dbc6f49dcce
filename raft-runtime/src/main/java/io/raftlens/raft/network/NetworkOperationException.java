package io.raftlens.raft.network;

/**
 * A network operation that cannot be done, and why in the network's own terms. The control API maps the reason to an
 * HTTP status ({@link ControlServer}); the editor shows the message.
 */
public final class NetworkOperationException extends RuntimeException {

    /** Why an operation was refused. */
    public enum Reason {
        /** A request the network cannot take as asked: a node in two partition groups. */
        INVALID,
        /** No such node, consenter or channel. */
        NOT_FOUND,
        /** Not in the state the operation needs: a node not running (or already running), a channel without leader. */
        CONFLICT,
        /** It was tried and failed: a node that could not start. */
        FAILED
    }

    private final Reason reason;

    public NetworkOperationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static NetworkOperationException notFound(String message) {
        return new NetworkOperationException(Reason.NOT_FOUND, message);
    }

    static NetworkOperationException failed(String message) {
        return new NetworkOperationException(Reason.FAILED, message);
    }

    static NetworkOperationException invalid(String message) {
        return new NetworkOperationException(Reason.INVALID, message);
    }

    static NetworkOperationException conflict(String message) {
        return new NetworkOperationException(Reason.CONFLICT, message);
    }
}
