package io.raftlens.raft.orderer.admission;

import org.hyperledger.fabric.protos.common.Envelope;

/**
 * The step every broadcast passes before a chain orders it (Fabric: {@code BroadcastChannelSupport} and
 * {@code ProcessNormalMsg}). Implementations are pure functions of the envelope and their own configuration,
 * called on the caller's thread; a refusal is answered at once and the envelope never reaches Raft.
 */
@FunctionalInterface
public interface EnvelopeAdmission {

    Admission admit(Envelope envelope);

    /** This check, then {@code next} for what this one admits (how a protocol layer adds its own checks). */
    default EnvelopeAdmission andThen(EnvelopeAdmission next) {
        return env -> {
            Admission a = admit(env);
            return a.isAdmitted() ? next.admit(env) : a;
        };
    }
}
