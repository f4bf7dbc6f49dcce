package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

class GenesisBlockTest {
    @Test
    void isAWellFormedDeterministicConfigBlock() throws Exception {
        Block a = ChainFixture.genesis("mychannel");
        Block b = ChainFixture.genesis("mychannel");
        assertEquals(a, b, "every node builds the same genesis block");
        assertNotEquals(HexFormat.of().formatHex(Blocks.headerHash(a.getHeader())),
                HexFormat.of().formatHex(Blocks.headerHash(ChainFixture.genesis("other").getHeader())));
        assertEquals(0, a.getHeader().getNumber());
        assertTrue(a.getHeader().getPreviousHash().isEmpty());
        assertArrayEquals(Blocks.dataHash(a.getData()), a.getHeader().getDataHash().toByteArray());
        assertTrue(Blocks.isConfigBlock(a));

        Payload p = Payload.parseFrom(Envelope.parseFrom(a.getData().getData(0)).getPayload());
        ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
        assertEquals(HeaderType.CONFIG_VALUE, ch.getType());
        assertEquals("mychannel", ch.getChannelId());
        assertEquals(64, ch.getTxId().length());
        var channel = ConfigEnvelope.parseFrom(p.getData()).getConfig().getChannelGroup();
        assertEquals("SHA256", HashingAlgorithm.parseFrom(channel.getValuesOrThrow("HashingAlgorithm").getValue()).getName());
        assertTrue(channel.getGroupsOrThrow("Orderer").containsPolicies("BlockValidation"));
    }

    @Test
    void orderingConfigReadsBack() {
        GenesisBlock.OrderingConfig c = GenesisBlock.read(ChainFixture.genesis("mychannel"));
        assertEquals("mychannel", c.channelId());
        assertEquals(500, c.batchSize().getMaxMessageCount());
        assertEquals(Duration.ofSeconds(2), c.batchTimeout());
        assertEquals(ChainFixture.etcdRaft(), c.etcdRaft());
    }

    @Test
    void batchTimeoutUsesGoDurationText() {
        assertEquals("2s", GoDuration.format(Duration.ofSeconds(2)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(250), GoDuration.parse("250ms"));
    }
}
