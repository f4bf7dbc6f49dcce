package io.raftlens.raft.transport;

/** Unreadable or inconsistent TLS material (certificate, key or CA file). */
public final class TlsConfigException extends TransportException {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
