package io.raftlens.raft.orderer;

import org.hyperledger.fabric.protos.common.Status;

/** A broadcast transaction refused before ordering, with the status Fabric's broadcast handler returns. */
public final class TransactionRejectedException extends RuntimeException {
    private final Status status;

    public TransactionRejectedException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
