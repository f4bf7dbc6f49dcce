package io.raftlens.raft.configtxgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.raft.crypto.CryptoConfig;
import io.raftlens.raft.crypto.Cryptogen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.smartbft.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OrdererType BFT as configtxgen encodes it, on fabric-samples' own test-network/bft-config/configtx.yaml
 * (../shared/corpus) with the material its cryptogen config names, made by raftlens cryptogen.
 */
class BftEncodingTest {

    static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "fabric-samples__test-network__bft-config__configtx.yaml");

    @TempDir
    Path dir;

    @Test
    void consenterMappingSmartBftOptionsAndTheComputedBlockValidationPolicy() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(CORPUS), "shared corpus not present");
        Path conf = dir.resolve("bft-config/configtx.yaml");
        Files.createDirectories(conf.getParent());
        Files.copy(CORPUS, conf);
        new Cryptogen(l -> { }).generate(CryptoConfig.parse("""
                OrdererOrgs:
                  - Name: Orderer
                    Domain: example.com
                    EnableNodeOUs: true
                    Specs:
                      - Hostname: orderer
                      - Hostname: orderer2
                      - Hostname: orderer3
                      - Hostname: orderer4
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    EnableNodeOUs: true
                  - Name: Org2
                    Domain: org2.example.com
                    EnableNodeOUs: true
                """), dir.resolve("organizations"));
        Profile profile = FabricBlockFixtures.profile(conf, FabricVersion.V3, "ChannelUsingBFT");

        ConfigGroup orderer = ChannelConfigEncoder.defaults().checkedChannelGroup(profile).getGroupsOrThrow("Orderer");

        ConsensusType ct = ConsensusType.parseFrom(orderer.getValuesOrThrow("ConsensusType").getValue());
        assertEquals("BFT", ct.getType());
        Options options = Options.parseFrom(ct.getMetadata());
        assertEquals(100000, options.getRequestPoolSize());
        assertEquals("3m0s", options.getRequestAutoRemoveTimeout());
        assertEquals(10485760, options.getRequestBatchMaxBytes());
        assertEquals(Options.Rotation.ROTATION_UNSPECIFIED, options.getLeaderRotation()); // set to OFF only after marshalling

        Orderers orderers = Orderers.parseFrom(orderer.getValuesOrThrow("Orderers").getValue());
        assertEquals(4, orderers.getConsenterMappingCount());
        Path org = dir.resolve("organizations/ordererOrganizations/example.com/orderers");
        for (int i = 0; i < 4; i++) {
            var c = orderers.getConsenterMapping(i);
            String host = i == 0 ? "orderer.example.com" : "orderer" + (i + 1) + ".example.com";
            assertEquals(i + 1, c.getId());
            assertEquals(host, c.getHost());
            assertEquals("OrdererMSP", c.getMspId());
            assertEquals(Files.readString(org.resolve(host).resolve("msp/signcerts").resolve(host + "-cert.pem")), c.getIdentity().toStringUtf8());
            assertEquals(Files.readString(org.resolve(host).resolve("tls/server.crt")), c.getClientTlsCert().toStringUtf8());
        }

        // EncodeBFTBlockVerificationPolicy: n=4, f=1 → a quorum of ceil((4+1+1)/2) = 3 consenter identities
        var bv = orderer.getPoliciesOrThrow("BlockValidation");
        assertEquals("Admins", bv.getModPolicy());
        SignaturePolicyEnvelope env = SignaturePolicyEnvelope.parseFrom(bv.getPolicy().getValue());
        assertEquals(3, env.getRule().getNOutOf().getN());
        assertEquals(4, env.getRule().getNOutOf().getRulesCount());
        assertEquals(MSPPrincipal.Classification.IDENTITY, env.getIdentities(2).getPrincipalClassification());
        SerializedIdentity id = SerializedIdentity.parseFrom(env.getIdentities(2).getPrincipal());
        assertEquals("OrdererMSP", id.getMspid());
        assertEquals(orderers.getConsenterMapping(2).getIdentity(), id.getIdBytes());
        assertTrue(BlockJson.text(BlockJson.channelGroup(orderer)).contains("\"principal_classification\": \"IDENTITY\""));
    }
}
