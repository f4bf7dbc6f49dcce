package io.raftlens.raft.fabric.policy;

import io.raftlens.raft.fabric.msp.MspIdentity;
import java.util.List;

/** What Fabric's manager returns for a policy it does not have: it rejects everything. */
record RejectPolicy(String name) implements Policy {
    @Override
    public void evaluateSignedData(List<SignedData> signatures) throws PolicyException {
        throw new PolicyException("no such policy: '" + name + "'");
    }

    @Override
    public void evaluateIdentities(List<MspIdentity> identities) throws PolicyException {
        throw new PolicyException("no such policy: '" + name + "'");
    }
}
