package io.raftlens.raft.fabric.msgprocessor;

import org.hyperledger.fabric.protos.common.Status;

/** A broadcast refused with Fabric's status and info text (what a BroadcastResponse carries). */
public final class RejectedMessage extends Exception {
    private final Status status;

    public RejectedMessage(Status status, String info) {
        super(info);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public String info() {
        return getMessage();
    }

    /** Fabric's errors.WithMessage(err, prefix): same status, "prefix: info". */
    public RejectedMessage withPrefix(String prefix) {
        return new RejectedMessage(status, prefix + ": " + getMessage());
    }
}
