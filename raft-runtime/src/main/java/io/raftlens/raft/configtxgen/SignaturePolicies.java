package io.raftlens.raft.configtxgen;

import io.raftlens.config.value.PolicyDsl;
import io.raftlens.config.value.SignatureRule;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Fabric's signature policy language ({@code common/policydsl.FromString}) to a {@code SignaturePolicyEnvelope}:
 * the rule is parsed by config-schema's {@link PolicyDsl} (the one parser of the DSL); every principal becomes a new
 * identity in order of appearance (no de-duplication, as Fabric's parser does), each referenced by
 * {@code SignedBy(index)}; {@code AND(a,b)} is {@code NOutOf(2,…)}, {@code OR} is {@code NOutOf(1,…)}.
 */
public final class SignaturePolicies {

    private SignaturePolicies() {
    }

    /** @throws IllegalArgumentException with Fabric's reason, for a rule Fabric's parser refuses */
    public static SignaturePolicyEnvelope fromString(String rule) {
        SignatureRule root;
        try {
            root = PolicyDsl.parseSignature(rule);
        } catch (PolicyDsl.SyntaxError e) {
            throw new IllegalArgumentException(e.fabricMessage());
        }
        List<MSPPrincipal> identities = new ArrayList<>();
        SignaturePolicy policy = encode(root, identities);
        return SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(policy).addAllIdentities(identities).build();
    }

    /** {@code cauthdsl.AcceptAllPolicy}: NOutOf(0) of nothing, with no identities. */
    public static SignaturePolicyEnvelope acceptAll() {
        return SignaturePolicyEnvelope.newBuilder().setVersion(0)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(0))).build();
    }

    private static SignaturePolicy encode(SignatureRule rule, List<MSPPrincipal> identities) {
        if (rule instanceof PolicyDsl.Principal principal) {
            identities.add(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(principal.mspId()).setRole(role(principal.role()))
                            .build().toByteString())
                    .build());
            return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
        }
        SignatureRule.NOutOf gate = (SignatureRule.NOutOf) rule;
        SignaturePolicy.NOutOf.Builder out = SignaturePolicy.NOutOf.newBuilder().setN(gate.n());
        for (SignatureRule r : gate.rules()) {
            out.addRules(encode(r, identities));
        }
        return SignaturePolicy.newBuilder().setNOutOf(out).build();
    }

    private static MSPRole.MSPRoleType role(String role) {
        return switch (role) {
            case "admin" -> MSPRole.MSPRoleType.ADMIN;
            case "client" -> MSPRole.MSPRoleType.CLIENT;
            case "peer" -> MSPRole.MSPRoleType.PEER;
            case "orderer" -> MSPRole.MSPRoleType.ORDERER;
            default -> MSPRole.MSPRoleType.MEMBER;
        };
    }
}
