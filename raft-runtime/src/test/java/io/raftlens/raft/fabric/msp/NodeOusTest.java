package io.raftlens.raft.fabric.msp;

import static io.raftlens.raft.fabric.msp.FabricMspTest.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.FabricFixtures;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.junit.jupiter.api.Test;

/**
 * NodeOU classification with cryptogen 2.x material (OU=orderer/admin/peer/client): the MSP config is what
 * configtxgen encodes from an msp folder whose config.yaml enables NodeOUs (root cert, the four OU identifiers
 * pointing at it, no admincerts).
 */
class NodeOusTest {
    static FabricMSPConfig config(String name, String caResource, boolean withAdminOu) {
        ByteString ca = FabricFixtures.pem(caResource);
        FabricNodeOUs.Builder ous = FabricNodeOUs.newBuilder().setEnable(true)
                .setClientOuIdentifier(FabricOUIdentifier.newBuilder().setCertificate(ca).setOrganizationalUnitIdentifier("client"))
                .setPeerOuIdentifier(FabricOUIdentifier.newBuilder().setCertificate(ca).setOrganizationalUnitIdentifier("peer"))
                .setOrdererOuIdentifier(FabricOUIdentifier.newBuilder().setCertificate(ca).setOrganizationalUnitIdentifier("orderer"));
        if (withAdminOu) {
            ous.setAdminOuIdentifier(FabricOUIdentifier.newBuilder().setCertificate(ca).setOrganizationalUnitIdentifier("admin"));
        }
        return FabricMSPConfig.newBuilder().setName(name).addRootCerts(ca).setFabricNodeOus(ous).build();
    }

    private final FabricMsp orderers;
    private final MspManager msps;

    NodeOusTest() throws MspException {
        orderers = FabricMsp.fromConfig(config("OrdererMSP", "nodeous/orderer-ca-cert.pem", true), MspVersion.V1_4_3);
        FabricMsp hospital = FabricMsp.fromConfig(config("HospitalAMSP", "nodeous/hospital-a-ca-cert.pem", true), MspVersion.V1_4_3);
        msps = MspManager.of(List.of(orderers, hospital));
    }

    @Test
    void theOrdererIsAnOrdererAndAMemberButNotAnAdminOrClient() throws Exception {
        MspIdentity id = msps.deserializeIdentity(FabricFixtures.nodeOuSigner("OrdererMSP", "orderer").serialize());
        id.validate();
        id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.ORDERER));
        id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.MEMBER));
        var admin = assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.ADMIN)));
        assertEquals("The identity is not an admin under this MSP [OrdererMSP]: The identity does not contain OU [ADMIN], MSP: [OrdererMSP]",
                admin.getMessage());
        assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.CLIENT)));
    }

    @Test
    void theAdminOuMakesAnAdminWithoutAdmincerts() throws Exception {
        MspIdentity id = msps.deserializeIdentity(FabricFixtures.nodeOuSigner("OrdererMSP", "orderer-admin").serialize());
        id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.ADMIN));
        assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.ORDERER)));
    }

    @Test
    void aPeerOfAnotherOrganizationIsAPeerThereOnly() throws Exception {
        SigningIdentity peer = FabricFixtures.nodeOuSigner("HospitalAMSP", "hospital-a-peer0");
        MspIdentity id = msps.deserializeIdentity(peer.serialize());
        id.satisfiesPrincipal(role("HospitalAMSP", MSPRoleType.PEER));
        assertThrows(MspException.class, () -> id.satisfiesPrincipal(role("OrdererMSP", MSPRoleType.MEMBER)));
        SigningIdentity claimsOrderer = new SigningIdentity("OrdererMSP", peer.certificate(), null);
        assertThrows(MspException.class, () -> msps.deserializeIdentity(claimsOrderer.serialize()));
    }

    @Test
    void aCaRegeneratedUnderTheSameNameIsAStranger() throws Exception {
        FabricMsp regenerated = FabricMsp.fromConfig(config("OrdererMSP", "nodeous/orderer-ca-regenerated-cert.pem", true), MspVersion.V1_4_3);
        var e = assertThrows(MspException.class,
                () -> regenerated.deserializeIdentity(FabricFixtures.nodeOuSigner("OrdererMSP", "orderer").serialize()));
        assertTrue(e.getMessage().contains("certificate signed by unknown authority"), e.getMessage());
    }

    @Test
    void withoutAdminOuOrAdmincertsSetupFailsAsInFabric() {
        var e = assertThrows(MspException.class,
                () -> FabricMsp.fromConfig(config("OrdererMSP", "nodeous/orderer-ca-cert.pem", false), MspVersion.V1_4_3));
        assertEquals("setting up the MSP manager failed: MSP OrdererMSP: administrators must be declared when no admin ou classification is set",
                e.getMessage());
    }

    @Test
    void anIdentityWithTwoNodeOuRolesIsRefused() throws Exception {
        // OU "orderer" counted as both orderer and client role: a combination is invalid
        FabricMSPConfig c = config("OrdererMSP", "nodeous/orderer-ca-cert.pem", true).toBuilder()
                .setFabricNodeOus(config("OrdererMSP", "nodeous/orderer-ca-cert.pem", true).getFabricNodeOus().toBuilder()
                        .setClientOuIdentifier(FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier("California")))
                .build();
        FabricMsp msp = FabricMsp.fromConfig(c, MspVersion.V1_4_3);
        // the orderer's subject has OU=orderer only; "California" is its ST, so it stays valid
        msp.deserializeIdentity(FabricFixtures.nodeOuSigner("OrdererMSP", "orderer").serialize()).validate();
        FabricMSPConfig none = c.toBuilder().setFabricNodeOus(c.getFabricNodeOus().toBuilder()
                .setOrdererOuIdentifier(FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier("nothing"))).build();
        MspIdentity id = FabricMsp.fromConfig(none, MspVersion.V1_4_3)
                .deserializeIdentity(FabricFixtures.nodeOuSigner("OrdererMSP", "orderer").serialize());
        var e = assertThrows(MspException.class, id::validate);
        assertTrue(e.getMessage().startsWith("could not validate identity's OUs: the identity does not have an OU that resolves to client, peer, orderer, or admin role"),
                e.getMessage());
    }
}
