package io.raftlens.raft.fabric.msp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

/** Fabric's MSP against cryptogen identities of fabric-sdk-java's fixture (MSP v1.3, admincerts, no NodeOUs). */
class FabricMspTest {
    private final ChannelConfig system = FabricFixtures.sdkSystemChannel();
    private final MspManager msps = system.mspManager();
    private final SigningIdentity user1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
    private final SigningIdentity admin1 = FabricFixtures.sdkSigner("Org1MSP", "org1-admin");

    static MSPPrincipal role(String msp, MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(type).build().toByteString()).build();
    }

    @Test
    void aMemberIsValidAndSatisfiesMemberButNotAdmin() throws Exception {
        MspIdentity id = msps.deserializeIdentity(user1.serialize());
        assertEquals("Org1MSP", id.mspId());
        assertEquals(64, id.id().length());
        id.validate();
        id.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.MEMBER));
        var e = assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.ADMIN)));
        assertEquals("This identity is not an admin", e.getMessage());
        var other = assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("Org2MSP", MSPRole.MSPRoleType.MEMBER)));
        assertEquals("the identity is a member of a different MSP (expected Org2MSP, got Org1MSP)", other.getMessage());
        // the answer policies ask for: the same message, or null, computed and then cached, without an exception
        for (int round = 0; round < 2; round++) {
            assertEquals(null, id.principalError(role("Org1MSP", MSPRole.MSPRoleType.MEMBER)));
            assertEquals("This identity is not an admin", id.principalError(role("Org1MSP", MSPRole.MSPRoleType.ADMIN)));
            assertEquals(other.getMessage(), id.principalError(role("Org2MSP", MSPRole.MSPRoleType.MEMBER)));
        }
    }

    @Test
    void anAdminCertIsAnAdmin() throws Exception {
        MspIdentity id = msps.deserializeIdentity(admin1.serialize());
        id.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.ADMIN));
    }

    @Test
    void clientRoleNeedsNodeOus() throws Exception {
        MspIdentity id = msps.deserializeIdentity(user1.serialize());
        var e = assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("Org1MSP", MSPRole.MSPRoleType.CLIENT)));
        assertTrue(e.getMessage().endsWith("NodeOUs not activated. Cannot tell apart identities."), e.getMessage());
    }

    @Test
    void aCertificateFromAnotherCaIsNotValid() throws Exception {
        SigningIdentity org2AsOrg1 = new SigningIdentity("Org1MSP",
                FabricFixtures.sdkSigner("Org2MSP", "org2-user1").certificate(), null);
        MspException e = assertThrows(MspException.class, () -> msps.deserializeIdentity(org2AsOrg1.serialize()));
        // Fabric's sanitizeCert needs the chain already at deserialization
        assertTrue(e.getMessage().contains("x509: certificate signed by unknown authority"), e.getMessage());
    }

    @Test
    void anUnknownMspIsNotDefinedOnChannel() {
        byte[] sid = SerializedIdentity.newBuilder().setMspid("Org9MSP").setIdBytes(ByteString.copyFromUtf8("x")).build().toByteArray();
        var e = assertThrows(MspException.class, () -> msps.deserializeIdentity(sid));
        assertEquals("MSP Org9MSP is not defined on channel", e.getMessage());
        byte[] notPem = SerializedIdentity.newBuilder().setMspid("Org1MSP").setIdBytes(ByteString.copyFromUtf8("hello")).build().toByteArray();
        assertEquals("could not decode the PEM structure",
                assertThrows(MspException.class, () -> msps.deserializeIdentity(notPem)).getMessage());
    }

    @Test
    void deserializedIdentitiesAreCached() throws Exception {
        assertSame(msps.deserializeIdentity(user1.serialize()), msps.deserializeIdentity(user1.serialize()));
    }

    @Test
    void signaturesVerifyWithTheLowSRule() throws Exception {
        MspIdentity id = msps.deserializeIdentity(user1.serialize());
        byte[] msg = "a transaction".getBytes(StandardCharsets.UTF_8);
        byte[] sig = user1.sign(msg);
        id.verify(msg, sig);
        assertEquals("The signature is invalid",
                assertThrows(MspException.class, () -> id.verify("another".getBytes(StandardCharsets.UTF_8), sig)).getMessage());
        ECPublicKey key = (ECPublicKey) id.certificate().getPublicKey();
        BigInteger[] rs = EcdsaSignatures.parse(sig);
        byte[] highS = EcdsaSignatures.encode(rs[0], EcdsaSignatures.order(key).subtract(rs[1]));
        var e = assertThrows(MspException.class, () -> id.verify(msg, highS));
        assertTrue(e.getMessage().contains("Invalid S. Must be smaller than half the order"), e.getMessage());
        assertTrue(assertThrows(MspException.class, () -> id.verify(msg, new byte[] {1, 2, 3})).getMessage()
                .contains("Failed unmashalling signature"));
    }

    @Test
    void verifiesTheSignatureAFabricOrdererPutOnAChannelGenesis() throws Exception {
        var block = FabricFixtures.block("fabric/mychannel.block");
        var env = org.hyperledger.fabric.protos.common.Envelope.parseFrom(block.getData().getData(0));
        var payload = org.hyperledger.fabric.protos.common.Payload.parseFrom(env.getPayload());
        var shdr = org.hyperledger.fabric.protos.common.SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        ChannelConfig config = ChannelConfig.fromBlock(block);
        MspIdentity orderer = config.mspManager().deserializeIdentity(shdr.getCreator().toByteArray());
        assertEquals("OrdererMSP", orderer.mspId());
        orderer.validate();
        orderer.verify(env.getPayload().toByteArray(), env.getSignature().toByteArray());
        byte[] tampered = env.getPayload().toByteArray();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(MspException.class, () -> orderer.verify(tampered, env.getSignature().toByteArray()));
    }

    @Test
    void highSCertificatesAreSanitizedSoIdsAreStable() throws Exception {
        // whichever S the CA's signer chose, the identity id is that of the low-S certificate (Fabric's sanitizeCert)
        MspIdentity id = msps.deserializeIdentity(user1.serialize());
        ECPublicKey caKey = (ECPublicKey) msps.msp("Org1MSP").orElseThrow().rootCerts().get(0).getPublicKey();
        assertTrue(EcdsaSignatures.isLowS(caKey, EcdsaSignatures.parse(id.certificate().getSignature())[1]));
        assertNotEquals(null, id.id());
        assertDoesNotThrow(id::validate);
    }
}
