package io.raftlens.raft.fabric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.MspManager;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy.NOutOf;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

/** Fabric's policy semantics over configtxgen's system channel config of fabric-sdk-java's v2.1 fixture. */
class PolicyTest {
    private static final byte[] DATA = "signed bytes".getBytes(StandardCharsets.UTF_8);
    private final ChannelConfig config = FabricFixtures.sdkSystemChannel();
    private final PolicyManager policies = config.policyManager();
    private final SigningIdentity orderer = FabricFixtures.sdkSigner("OrdererMSP", "orderer");
    private final SigningIdentity ordererAdmin = FabricFixtures.sdkSigner("OrdererMSP", "orderer-admin");
    private final SigningIdentity user1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
    private final SigningIdentity admin1 = FabricFixtures.sdkSigner("Org1MSP", "org1-admin");
    private final SigningIdentity user2 = FabricFixtures.sdkSigner("Org2MSP", "org2-user1");

    static SignedData signed(SigningIdentity s) {
        return new SignedData(DATA, s.serialize(), s.sign(DATA));
    }

    @Test
    void ordererWritersIsAnyOrdererOrgMember() throws Exception {
        Policy writers = policies.policyOrReject(PolicyManager.CHANNEL_ORDERER_WRITERS);
        writers.evaluateSignedData(List.of(signed(orderer)));
        var e = assertThrows(PolicyException.class, () -> writers.evaluateSignedData(List.of(signed(user1))));
        assertEquals("implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied",
                e.getMessage());
    }

    @Test
    void aBadSignatureCountsForNothing() {
        SignedData forged = new SignedData(DATA, orderer.serialize(), user1.sign(DATA));
        assertThrows(PolicyException.class,
                () -> policies.policyOrReject(PolicyManager.CHANNEL_ORDERER_WRITERS).evaluateSignedData(List.of(forged)));
    }

    @Test
    void blockValidationAcceptsTheOrdererOnly() throws Exception {
        Policy bv = policies.policyOrReject(PolicyManager.BLOCK_VALIDATION);
        bv.evaluateSignedData(List.of(signed(orderer)));
        assertThrows(PolicyException.class, () -> bv.evaluateSignedData(List.of(signed(user2))));
    }

    @Test
    void consortiumAdminsNeedEachOrgsAdminByMajority() throws Exception {
        // /Channel/Consortiums/SampleConsortium has Org1MSP and Org2MSP (idemix orgs too); its Admins are org admins
        Policy org1Admins = policies.policyOrReject("/Channel/Consortiums/SampleConsortium/Org1MSP/Admins");
        org1Admins.evaluateSignedData(List.of(signed(admin1)));
        assertEquals("signature set did not satisfy policy",
                assertThrows(PolicyException.class, () -> org1Admins.evaluateSignedData(List.of(signed(user1)))).getMessage());
        Policy channelAdmins = policies.policyOrReject(PolicyManager.CHANNEL_ADMINS);
        // Channel/Admins = MAJORITY Admins of Orderer and Consortiums: the orderer admin alone satisfies one of two
        assertThrows(PolicyException.class, () -> channelAdmins.evaluateSignedData(List.of(signed(ordererAdmin))));
    }

    @Test
    void aMissingPolicyRejects() {
        var e = assertThrows(PolicyException.class,
                () -> policies.policyOrReject("/Channel/Orderer/NoSuchPolicy").evaluateSignedData(List.of(signed(orderer))));
        assertEquals("no such policy: 'Orderer/NoSuchPolicy'", e.getMessage());
    }

    @Test
    void duplicateSignersCountOnce() throws Exception {
        MspManager msps = config.mspManager();
        SignaturePolicy twoMembers = SignaturePolicy.compile(nOutOf(2, member("Org1MSP"), member("Org1MSP")), msps);
        List<SignedData> twice = new ArrayList<>(List.of(signed(user1), signed(user1)));
        assertThrows(PolicyException.class, () -> twoMembers.evaluateSignedData(twice));
        twoMembers.evaluateSignedData(List.of(signed(user1), signed(admin1)));
    }

    @Test
    void evaluationIsGreedyInOrderAsFabrics() throws Exception {
        // AND(member, admin): Fabric gives each principal the first unused identity that satisfies it, so with the
        // admin first the member principal takes the admin and the admin principal finds only the plain user.
        MspManager msps = config.mspManager();
        SignaturePolicy memberAndAdmin = SignaturePolicy.compile(nOutOf(2, member("Org1MSP"), admin("Org1MSP")), msps);
        assertThrows(PolicyException.class, () -> memberAndAdmin.evaluateSignedData(List.of(signed(admin1), signed(user1))));
        memberAndAdmin.evaluateSignedData(List.of(signed(user1), signed(admin1)));
    }

    @Test
    void compileErrorsAreFabrics() {
        MspManager msps = config.mspManager();
        var env = SignaturePolicyEnvelope.newBuilder()
                .setRule(org.hyperledger.fabric.protos.common.SignaturePolicy.newBuilder().setSignedBy(3)).build();
        assertEquals("identity index out of range, requested 3, but identities length is 0",
                assertThrows(PolicyException.class, () -> SignaturePolicy.compile(env, msps)).getMessage());
        assertEquals("This evaluator only understands messages of version 0, but version was 1",
                assertThrows(PolicyException.class, () -> SignaturePolicy.compile(env.toBuilder().setVersion(1).build(), msps)).getMessage());
    }

    static MSPPrincipal member(String msp) {
        return rolePrincipal(msp, MSPRole.MSPRoleType.MEMBER);
    }

    static MSPPrincipal admin(String msp) {
        return rolePrincipal(msp, MSPRole.MSPRoleType.ADMIN);
    }

    static MSPPrincipal rolePrincipal(String msp, MSPRole.MSPRoleType role) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(role).build().toByteString()).build();
    }

    static SignaturePolicyEnvelope nOutOf(int n, MSPPrincipal... principals) {
        NOutOf.Builder rules = NOutOf.newBuilder().setN(n);
        SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder();
        for (int i = 0; i < principals.length; i++) {
            env.addIdentities(principals[i]);
            rules.addRules(org.hyperledger.fabric.protos.common.SignaturePolicy.newBuilder().setSignedBy(i));
        }
        return env.setRule(org.hyperledger.fabric.protos.common.SignaturePolicy.newBuilder().setNOutOf(rules)).build();
    }
}
