package io.raftlens.raft.fabric.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.msp.MspVersion;
import io.raftlens.raft.fabric.policy.PolicyManager;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.junit.jupiter.api.Test;

class ChannelConfigTest {
    @Test
    void readsConfigtxgenSystemChannelGenesisWithItsMspsAndPolicies() throws Exception {
        ChannelConfig c = ChannelConfig.fromBlock(FabricFixtures.block("sdk-java/orderer.block"));
        assertEquals("systemordererchannel", c.channelId());
        assertEquals(0, c.sequence());
        assertEquals(MspVersion.V1_3, c.mspVersion(), "Channel capability V1_3 selects MSP v1.3");
        assertEquals(java.util.Set.of("OrdererMSP", "Org1MSP", "Org2MSP"), c.mspManager().msps().keySet());
        assertEquals("OrdererMSP", c.organizationMspIds().get("/Channel/Orderer/OrdererOrg"));
        assertTrue(c.policyManager().policy(PolicyManager.BLOCK_VALIDATION).isPresent());
        assertTrue(c.policyManager().policy(PolicyManager.CHANNEL_WRITERS).isPresent());
        assertTrue(c.policyManager().policy("/Channel/Consortiums/SampleConsortium/Org1MSP/Admins").isPresent());
        assertTrue(c.policyManager().policy("/Channel/Orderer/Nope").isEmpty());
        assertEquals(10 * 1024 * 1024, c.batchSize().orElseThrow().getAbsoluteMaxBytes());
        assertEquals("solo", c.consensusType().orElseThrow().getType());
        assertTrue(c.expirationCheck());
    }

    @Test
    void idemixMspsAreKnownButNotDeserialized() throws Exception {
        ChannelConfig c = FabricFixtures.sdkSystemChannel();
        var id = org.hyperledger.fabric.protos.msp.SerializedIdentity.newBuilder().setMspid("idemixMSPID1").build();
        var e = assertThrows(io.raftlens.raft.fabric.msp.MspException.class,
                () -> c.mspManager().deserializeIdentity(id.toByteArray()));
        assertTrue(e.getMessage().contains("idemix"), e.getMessage());
    }

    @Test
    void readsAChannelGenesisWrittenByAFabricOrderer() throws Exception {
        ChannelConfig c = ChannelConfig.fromBlock(FabricFixtures.block("fabric/mychannel.block"));
        assertEquals("mychannel", c.channelId());
        assertEquals(1, c.sequence());
        assertEquals(java.util.Set.of("OrdererMSP", "Org1MSP", "Org2MSP"), c.mspManager().msps().keySet());
        assertEquals(4, c.organizationMspIds().size(), c.organizationMspIds().toString());
    }

    @Test
    void aBlockOfTransactionsIsNotAConfigBlock() {
        Block b = FabricFixtures.block("sdk-java/orderer.block").toBuilder()
                .setData(BlockData.newBuilder().addData(com.google.protobuf.ByteString.EMPTY).addData(com.google.protobuf.ByteString.EMPTY))
                .build();
        var e = assertThrows(ConfigException.class, () -> ChannelConfig.fromBlock(b));
        assertEquals("block 0 is not a config block: it holds 2 transactions, a config block holds exactly one", e.getMessage());
    }
}
