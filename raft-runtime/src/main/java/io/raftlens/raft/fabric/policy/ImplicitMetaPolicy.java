package io.raftlens.raft.fabric.policy;

import io.raftlens.raft.fabric.msp.MspIdentity;
import java.util.List;

/**
 * Fabric's ImplicitMetaPolicy: the sub-policy of that name in every child group (a child without it rejects),
 * of which ANY needs 1, ALL needs every one, MAJORITY needs more than half; no child groups means satisfied.
 */
public final class ImplicitMetaPolicy implements Policy {
    private final List<Policy> subPolicies;
    private final int threshold;
    private final String subPolicyName;

    ImplicitMetaPolicy(org.hyperledger.fabric.protos.common.ImplicitMetaPolicy definition, List<Policy> subPolicies) {
        this.subPolicies = List.copyOf(subPolicies);
        this.subPolicyName = definition.getSubPolicy();
        int t = switch (definition.getRule()) {
            case ANY -> 1;
            case ALL -> subPolicies.size();
            case MAJORITY -> subPolicies.size() / 2 + 1;
            default -> 0;
        };
        this.threshold = subPolicies.isEmpty() ? 0 : t;
    }

    public int threshold() {
        return threshold;
    }

    @Override
    public void evaluateSignedData(List<SignedData> signatures) throws PolicyException {
        int remaining = threshold;
        for (Policy p : subPolicies) {
            if (remaining == 0) {
                return;
            }
            try {
                p.evaluateSignedData(signatures);
                remaining--;
            } catch (PolicyException e) {
                // a failing sub-policy is expected; only the count matters
            }
        }
        check(remaining);
    }

    @Override
    public void evaluateIdentities(List<MspIdentity> identities) throws PolicyException {
        int remaining = threshold;
        for (Policy p : subPolicies) {
            if (remaining == 0) {
                return;
            }
            try {
                p.evaluateIdentities(identities);
                remaining--;
            } catch (PolicyException e) {
                // as above
            }
        }
        check(remaining);
    }

    private void check(int remaining) throws PolicyException {
        if (remaining != 0) {
            throw new PolicyException("implicit policy evaluation failed - " + (threshold - remaining)
                    + " sub-policies were satisfied, but this policy requires " + threshold + " of the '" + subPolicyName
                    + "' sub-policies to be satisfied");
        }
    }
}
