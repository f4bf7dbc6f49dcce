package io.raftlens.raft.node.core;

import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.ConfigBlocks;
import io.raftlens.raft.orderer.GenesisBlock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fabric's eviction suspicion (eviction.go) as a pure state machine: when to check, and what the pulled blocks say. */
class EvictionSuspectorTest {

    private static final long S = 1_000_000_000L;

    private static ConfigMetadata metadata(int consenters) {
        ConfigMetadata.Builder b = ConfigMetadata.newBuilder().setOptions(Options.newBuilder().setTickInterval("100ms")
                .setElectionTick(10).setHeartbeatTick(1).setMaxInflightBlocks(5).setSnapshotIntervalSize(1 << 20));
        for (int i = 1; i <= consenters; i++) {
            b.addConsenters(Consenter.newBuilder().setHost("orderer" + i + ".example.com").setPort(7050)
                    .setClientTlsCert(com.google.protobuf.ByteString.copyFromUtf8("c" + i))
                    .setServerTlsCert(com.google.protobuf.ByteString.copyFromUtf8("s" + i)));
        }
        return b.build();
    }

    @Test
    void aMembershipCheckIsDueOncePerElapsedSuspicionWhileLeaderless() {
        EvictionSuspector s = new EvictionSuspector(Duration.ofSeconds(10));
        assertEquals(-1, s.check(0, true));
        assertEquals(-1, s.check(5 * S, true));
        assertEquals(10 * S, s.check(10 * S, true), "leaderless for EvictionSuspicion");
        assertEquals(-1, s.check(15 * S, true), "not again before twice the threshold");
        assertEquals(20 * S, s.check(20 * S, true));
        assertEquals(-1, s.check(21 * S, false), "a leader clears the suspicion");
        assertEquals(-1, s.check(25 * S, true));
        assertEquals(10 * S, s.check(35 * S, true));
    }

    @Test
    void theLastConfigBlockPulledFromTheOthersDecides() {
        BatchSize size = BatchSize.newBuilder().setMaxMessageCount(10).setAbsoluteMaxBytes(1 << 20).setPreferredMaxBytes(1 << 19).build();
        Block genesis = GenesisBlock.create("mychannel", size, Duration.ofSeconds(2), metadata(3));
        BlockFactory f = new BlockFactory(genesis.getHeader());
        Block one = Blocks.withOrdererMetadata(f.createNextBlock(List.of(Envelope.newBuilder()
                .setPayload(com.google.protobuf.ByteString.copyFromUtf8("tx")).build())), 0, raft(List.of(1L, 2L, 3L), 3));
        ConfigMetadata without3 = metadata(2);
        Block config = Blocks.withOrdererMetadata(f.createNextBlock(List.of(ConfigBlocks.configEnvelope(genesis, without3,
                Instant.EPOCH))), 2, raft(List.of(1L, 2L), 4));
        Block after = Blocks.withOrdererMetadata(f.createNextBlock(List.of(Envelope.newBuilder()
                .setPayload(com.google.protobuf.ByteString.copyFromUtf8("tx2")).build())), 2, raft(List.of(1L, 2L), 5));
        Map<Long, Block> ledger = Map.of(0L, genesis, 1L, one);

        EvictionSuspector.Outcome evicted = EvictionSuspector.judge(3, List.of(config, after), false,
                n -> Optional.ofNullable(ledger.get(n)), one);
        assertEquals(EvictionSuspector.Verdict.EVICTED, evicted.verdict());
        assertEquals(2, evicted.configBlock());
        assertEquals(List.of(config), evicted.toWrite(), "blocks up to and including the eviction block");

        EvictionSuspector.Outcome member = EvictionSuspector.judge(2, List.of(config, after), false,
                n -> Optional.ofNullable(ledger.get(n)), one);
        assertEquals(EvictionSuspector.Verdict.MEMBER, member.verdict());

        EvictionSuspector.Outcome nothingNew = EvictionSuspector.judge(3, List.of(), false,
                n -> Optional.ofNullable(ledger.get(n)), one);
        assertEquals(EvictionSuspector.Verdict.MEMBER, nothingNew.verdict(), "genesis lists 1..3");
        assertEquals(0, nothingNew.configBlock());

        EvictionSuspector.Outcome refused = EvictionSuspector.judge(3, List.of(), true,
                n -> Optional.ofNullable(ledger.get(n)), one);
        assertEquals(EvictionSuspector.Verdict.EVICTED, refused.verdict(), "the others no longer serve it the channel");
    }

    private static BlockMetadata raft(List<Long> ids, long index) {
        return BlockMetadata.newBuilder().addAllConsenterIds(ids).setNextConsenterId(4).setRaftIndex(index).build();
    }
}
