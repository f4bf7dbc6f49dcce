package io.raftlens.raft.orderer;

/** The block ledger cannot be read or written; the message names the file and what to do. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
