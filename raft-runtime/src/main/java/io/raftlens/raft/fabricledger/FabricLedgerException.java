package io.raftlens.raft.fabricledger;

/** A Fabric ledger that cannot be read: the message says which file, where, what was found and what to do. */
public final class FabricLedgerException extends RuntimeException {
    public FabricLedgerException(String message) {
        super(message);
    }
}
