package io.raftlens.raft.orderer.admission;

import org.hyperledger.fabric.protos.common.Status;

/**
 * The verdict on one envelope: admitted (status {@code SUCCESS}), or refused with Fabric's broadcast status and
 * the error text Fabric puts in {@code BroadcastResponse.Info}.
 */
public record Admission(Status status, String info) {

    private static final Admission ADMITTED = new Admission(Status.SUCCESS, "");

    public static Admission admitted() {
        return ADMITTED;
    }

    public static Admission badRequest(String info) {
        return new Admission(Status.BAD_REQUEST, info);
    }

    public boolean isAdmitted() {
        return status == Status.SUCCESS;
    }
}
