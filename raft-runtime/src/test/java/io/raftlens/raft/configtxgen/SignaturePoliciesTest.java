package io.raftlens.raft.configtxgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

/** The envelope shapes of Fabric's {@code common/policydsl/policydsl_test.go} (TestOutOf1ORTwoOutOfTwo etc.). */
class SignaturePoliciesTest {

    @Test
    void nestedGatesBecomeNOutOfOverSignedByInOrderOfAppearance() {
        SignaturePolicyEnvelope e = SignaturePolicies.fromString("OR('A.member', AND('B.admin', 'A.member'))");
        assertEquals(0, e.getVersion());
        assertEquals(nOutOf(1, signedBy(0), nOutOf(2, signedBy(1), signedBy(2))), e.getRule());
        // no de-duplication: 'A.member' twice is two identities, as Fabric's parser makes them
        assertEquals(3, e.getIdentitiesCount());
        assertEquals(role("A", MSPRole.MSPRoleType.MEMBER), e.getIdentities(0));
        assertEquals(role("B", MSPRole.MSPRoleType.ADMIN), e.getIdentities(1));
        assertEquals(role("A", MSPRole.MSPRoleType.MEMBER), e.getIdentities(2));
    }

    @Test
    void outOfKeepsItsThresholdWithinFabricsBounds() {
        assertEquals(nOutOf(2, signedBy(0), signedBy(1), signedBy(2)),
                SignaturePolicies.fromString("OutOf(2, 'A.peer', 'B.client', 'C.orderer')").getRule());
        // Fabric accepts t from 0 to n+1
        assertEquals(nOutOf(0, signedBy(0)), SignaturePolicies.fromString("OutOf(0, 'A.member')").getRule());
        assertEquals(nOutOf(2, signedBy(0)), SignaturePolicies.fromString("OutOf(2, 'A.member')").getRule());
    }

    @Test
    void refusesWithFabricsMessages() {
        assertEquals("invalid t-out-of-n predicate, t 3, n 1",
                assertThrows(IllegalArgumentException.class, () -> SignaturePolicies.fromString("OutOf(3, 'A.member')")).getMessage());
        assertEquals("unrecognized token 'XOR' in policy string",
                assertThrows(IllegalArgumentException.class, () -> SignaturePolicies.fromString("XOR('A.member')")).getMessage());
        assertEquals("error parsing principal A.members",
                assertThrows(IllegalArgumentException.class, () -> SignaturePolicies.fromString("OR('A.members')")).getMessage());
        assertEquals("unexpected text after the policy at position 16",
                assertThrows(IllegalArgumentException.class, () -> SignaturePolicies.fromString("OR('A.member') x")).getMessage());
    }

    private static SignaturePolicy signedBy(int i) {
        return SignaturePolicy.newBuilder().setSignedBy(i).build();
    }

    private static SignaturePolicy nOutOf(int n, SignaturePolicy... rules) {
        return SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(java.util.List.of(rules))).build();
    }

    private static MSPPrincipal role(String msp, MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(type).build().toByteString()).build();
    }
}
