package io.raftlens.raft.fabric.policy;

import io.raftlens.raft.fabric.msp.MspIdentity;
import java.util.List;

/** Fabric's policies.Policy. */
public interface Policy {
    /** Passes when the signatures satisfy the policy; PolicyException says why not. */
    void evaluateSignedData(List<SignedData> signatures) throws PolicyException;

    /** Passes when the (already verified) identities satisfy the policy. */
    void evaluateIdentities(List<MspIdentity> identities) throws PolicyException;
}
