package io.raftlens.raft.transport;

/** A transport failure an operator can act on; the message says what failed, where, and how to fix it. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
