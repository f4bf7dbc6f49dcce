package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBlocksTest {
    @TempDir
    Path tmp;

    @Test
    void aConsenterUpdateIsAConfigBlockWithTheNextSequenceThatTheLedgerVerifies() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 2, 2);
        Block genesis = chain.get(0);
        ConfigMetadata updated = ChainFixture.etcdRaft().toBuilder().removeConsenters(1).build();

        Envelope env = ConfigBlocks.configEnvelope(genesis, updated, Instant.parse("2026-11-26T17:00:00Z"));
        Block created = new BlockFactory(chain.get(2).getHeader()).createNextBlock(List.of(env));
        Block config = Blocks.withOrdererMetadata(created, 3, BlockMetadata.newBuilder().addConsenterIds(1)
                .addConsenterIds(3).setNextConsenterId(4).setRaftIndex(7).build());

        assertEquals(3, config.getHeader().getNumber());
        assertArrayEquals(Blocks.dataHash(config.getData()), config.getHeader().getDataHash().toByteArray());
        assertArrayEquals(Blocks.headerHash(chain.get(2).getHeader()), config.getHeader().getPreviousHash().toByteArray());
        assertTrue(Blocks.isConfigBlock(config));
        assertEquals(3, Blocks.lastConfigIndex(config));
        assertEquals(0, Blocks.lastConfigIndex(genesis));

        ConfigBlocks.ChannelConfig before = ConfigBlocks.read(genesis);
        ConfigBlocks.ChannelConfig after = ConfigBlocks.read(config);
        assertEquals(before.sequence() + 1, after.sequence());
        assertEquals("mychannel", after.channelId());
        assertEquals(updated, after.etcdRaft());
        assertEquals(2, after.etcdRaft().getConsentersCount());
        // everything but the ConsensusType value (version + 1) is the previous config
        var oldOrderer = before.config().getChannelGroup().getGroupsOrThrow("Orderer");
        var newOrderer = after.config().getChannelGroup().getGroupsOrThrow("Orderer");
        assertEquals(oldOrderer.getValuesOrThrow("ConsensusType").getVersion() + 1,
                newOrderer.getValuesOrThrow("ConsensusType").getVersion());
        assertEquals(oldOrderer.toBuilder().removeValues("ConsensusType").build(),
                newOrderer.toBuilder().removeValues("ConsensusType").build());
        assertEquals(GenesisBlock.read(genesis).batchSize(), GenesisBlock.read(config).batchSize());

        Payload payload = Payload.parseFrom(env.getPayload());
        assertEquals(HeaderType.CONFIG_VALUE, ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType());
        Envelope lastUpdate = ConfigEnvelope.parseFrom(payload.getData()).getLastUpdate();
        Payload updatePayload = Payload.parseFrom(lastUpdate.getPayload());
        assertEquals(HeaderType.CONFIG_UPDATE_VALUE,
                ChannelHeader.parseFrom(updatePayload.getHeader().getChannelHeader()).getType());
        ConfigUpdate update = ConfigUpdate.parseFrom(ConfigUpdateEnvelope.parseFrom(updatePayload.getData()).getConfigUpdate());
        assertEquals(List.of("ConsensusType"),
                List.copyOf(update.getWriteSet().getGroupsOrThrow("Orderer").getValuesMap().keySet()));

        Path dir = tmp.resolve("ledger");
        try (FileLedger l = FileLedger.open(dir)) {
            for (Block b : chain) {
                l.append(b);
            }
            l.append(config);
        }
        LedgerVerifier.Result r = LedgerVerifier.verify("mychannel", dir);
        assertTrue(r.valid(), r.toJson());
        assertEquals(4, r.height());
        assertEquals(4, r.transactions(), "the config transaction is not counted as a transaction");
        StringBuilder dump = new StringBuilder();
        LedgerDumper.dump(dir, dump);
        assertTrue(dump.toString().lines().count() >= 4, dump.toString());
    }
}
