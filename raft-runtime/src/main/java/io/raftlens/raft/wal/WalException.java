package io.raftlens.raft.wal;

/** Base of every failure of the write-ahead log or the snapshot store. Unchecked so it crosses futures cleanly. */
public class WalException extends RuntimeException {
    public WalException(String message) {
        super(message);
    }

    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
