package io.raftlens.raft.fabric.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.msp.MspIdentity;
import io.raftlens.raft.fabric.msp.MspManager;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * A compiled {@code SignaturePolicyEnvelope} (Fabric's cauthdsl): {@code n_out_of} gates over {@code signed_by}
 * principals, each identity usable by one principal only, evaluated left to right exactly as Fabric's compiled
 * closures do (so the same, order-dependent, answers).
 */
public final class SignaturePolicy implements Policy {
    private interface Gate {
        boolean eval(List<MspIdentity> ids, boolean[] used);
    }

    private final Gate gate;
    private final MspManager deserializer;
    private final SignaturePolicyEnvelope envelope;

    private SignaturePolicy(Gate gate, MspManager deserializer, SignaturePolicyEnvelope envelope) {
        this.gate = gate;
        this.deserializer = deserializer;
        this.envelope = envelope;
    }

    /** Fabric's cauthdsl provider NewPolicy. */
    public static SignaturePolicy compile(byte[] policyBytes, MspManager deserializer) throws PolicyException {
        SignaturePolicyEnvelope env;
        try {
            env = SignaturePolicyEnvelope.parseFrom(policyBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyException("Error unmarshalling to SignaturePolicy: " + e.getMessage());
        }
        return compile(env, deserializer);
    }

    public static SignaturePolicy compile(SignaturePolicyEnvelope env, MspManager deserializer) throws PolicyException {
        if (env.getVersion() != 0) {
            throw new PolicyException("This evaluator only understands messages of version 0, but version was " + env.getVersion());
        }
        if (!env.hasRule()) {
            throw new PolicyException("Empty policy element");
        }
        return new SignaturePolicy(compile(env.getRule(), env.getIdentitiesList()), deserializer, env);
    }

    public SignaturePolicyEnvelope envelope() {
        return envelope;
    }

    private static Gate compile(org.hyperledger.fabric.protos.common.SignaturePolicy rule, List<MSPPrincipal> identities)
            throws PolicyException {
        switch (rule.getTypeCase()) {
            case N_OUT_OF -> {
                List<Gate> gates = new ArrayList<>();
                for (var r : rule.getNOutOf().getRulesList()) {
                    gates.add(compile(r, identities));
                }
                int n = rule.getNOutOf().getN();
                return (ids, used) -> {
                    int verified = 0;
                    boolean[] tmp = new boolean[used.length];
                    for (Gate g : gates) {
                        System.arraycopy(used, 0, tmp, 0, used.length);
                        if (g.eval(ids, tmp)) {
                            verified++;
                            System.arraycopy(tmp, 0, used, 0, used.length);
                        }
                    }
                    return verified >= n;
                };
            }
            case SIGNED_BY -> {
                int index = rule.getSignedBy();
                if (index < 0 || index >= identities.size()) {
                    throw new PolicyException("identity index out of range, requested " + index + ", but identities length is "
                            + identities.size());
                }
                MSPPrincipal principal = identities.get(index);
                return (ids, used) -> {
                    for (int i = 0; i < ids.size(); i++) {
                        if (used[i]) {
                            continue;
                        }
                        if (ids.get(i).principalError(principal) != null) {
                            continue;
                        }
                        used[i] = true;
                        return true;
                    }
                    return false;
                };
            }
            default -> throw new PolicyException("Empty policy element");
        }
    }

    @Override
    public void evaluateSignedData(List<SignedData> signatures) throws PolicyException {
        evaluateIdentities(SignatureSets.validIdentities(signatures, deserializer));
    }

    @Override
    public void evaluateIdentities(List<MspIdentity> identities) throws PolicyException {
        if (!gate.eval(identities, new boolean[identities.size()])) {
            throw new PolicyException("signature set did not satisfy policy");
        }
    }
}
