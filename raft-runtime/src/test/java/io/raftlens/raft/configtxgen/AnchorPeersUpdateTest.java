package io.raftlens.raft.configtxgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -outputAnchorPeersUpdate} reproduces the anchor peer updates Fabric 2.x's configtxgen wrote for a real
 * five-org network: the same config update (read set, write set, versions, channel), the same unsigned envelope
 * (header type, version, epoch; empty signature header) — everything but the timestamp.
 */
class AnchorPeersUpdateTest {

    static final Path DIR = FabricBlockFixtures.folder("canisminor-2.x-anchor-peers");

    @ParameterizedTest
    @ValueSource(strings = {"Org0MSP", "Org1MSP", "Org2MSP", "Org3MSP", "Org4MSP"})
    void sameUpdateAsFabricsConfigtxgen(String org) throws Exception {
        Profile profile = FabricBlockFixtures.profile(DIR.resolve("configtx.yaml"), FabricVersion.V2_5, "FiveOrgsChannel");
        Envelope fabric = Envelope.parseFrom(Files.readAllBytes(DIR.resolve("channel-artifacts/" + org + "anchors.tx")));
        Envelope ours = AnchorPeersUpdate.envelope(ChannelConfigEncoder.defaults(), profile, "mychannel", org);

        Payload fp = Payload.parseFrom(fabric.getPayload());
        Payload op = Payload.parseFrom(ours.getPayload());
        ConfigUpdate fu = ConfigUpdate.parseFrom(ConfigUpdateEnvelope.parseFrom(fp.getData()).getConfigUpdate());
        ConfigUpdate ou = ConfigUpdate.parseFrom(ConfigUpdateEnvelope.parseFrom(op.getData()).getConfigUpdate());
        assertEquals(fu, ou);
        assertEquals(ConfigUpdateEnvelope.parseFrom(fp.getData()).getSignaturesCount(), ConfigUpdateEnvelope.parseFrom(op.getData()).getSignaturesCount());
        ChannelHeader fh = ChannelHeader.parseFrom(fp.getHeader().getChannelHeader());
        ChannelHeader oh = ChannelHeader.parseFrom(op.getHeader().getChannelHeader());
        assertEquals(fh.toBuilder().clearTimestamp().build(), oh.toBuilder().clearTimestamp().build());
        assertEquals(fp.getHeader().getSignatureHeader(), op.getHeader().getSignatureHeader());
        assertEquals(fabric.getSignature(), ours.getSignature());
        assertTrue(ou.getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow(org).containsValues("AnchorPeers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NoSuchOrg"})
    void configtxgensMessagesForAnOrgItCannotUpdate(String org) throws Exception {
        Profile profile = FabricBlockFixtures.profile(DIR.resolve("configtx.yaml"), FabricVersion.V2_5, "FiveOrgsChannel");
        ConfigtxgenException e = assertThrows(ConfigtxgenException.class,
                () -> AnchorPeersUpdate.envelope(ChannelConfigEncoder.defaults(), profile, "mychannel", org));
        assertEquals("org with name 'NoSuchOrg' does not exist in config", e.getMessage());
        assertEquals("must specify an organization to update the anchor peer for", assertThrows(ConfigtxgenException.class,
                () -> AnchorPeersUpdate.envelope(ChannelConfigEncoder.defaults(), profile, "mychannel", "")).getMessage());
    }
}
