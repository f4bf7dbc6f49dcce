package io.raftlens.config.value;

import java.util.List;

/**
 * A parsed signature policy rule of Fabric's policy DSL ({@code common/policydsl}): a tree of n-out-of gates over
 * principals, in the order they were written. {@code AND(a, b)} is {@code NOutOf(2, …)}, {@code OR} is
 * {@code NOutOf(1, …)}, {@code OutOf(n, …)} keeps its n. configtxgen turns this tree into a
 * {@code SignaturePolicyEnvelope}; the validator reads its principals.
 */
public sealed interface SignatureRule permits SignatureRule.NOutOf, PolicyDsl.Principal {

    /** A gate: satisfied when {@code n} of {@code rules} are. */
    record NOutOf(int n, List<SignatureRule> rules) implements SignatureRule {
        public NOutOf {
            rules = List.copyOf(rules);
        }
    }
}
