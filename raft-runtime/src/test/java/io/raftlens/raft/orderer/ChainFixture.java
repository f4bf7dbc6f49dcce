package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;

/** A small valid chain: genesis plus blocks of envelopes, committed with etcdraft metadata. */
final class ChainFixture {
    private ChainFixture() {
    }

    static ConfigMetadata etcdRaft() {
        ConfigMetadata.Builder b = ConfigMetadata.newBuilder().setOptions(Options.newBuilder().setTickInterval("500ms")
                .setElectionTick(10).setHeartbeatTick(1).setMaxInflightBlocks(5).setSnapshotIntervalSize(16 * 1024 * 1024));
        for (int i = 1; i <= 3; i++) {
            b.addConsenters(Consenter.newBuilder().setHost("orderer" + i + ".example.com").setPort(7050)
                    .setClientTlsCert(ByteString.copyFromUtf8("client" + i)).setServerTlsCert(ByteString.copyFromUtf8("server" + i)));
        }
        return b.build();
    }

    static Block genesis(String channel) {
        BatchSize size = BatchSize.newBuilder().setMaxMessageCount(500).setAbsoluteMaxBytes(10 * 1024 * 1024)
                .setPreferredMaxBytes(2 * 1024 * 1024).build();
        return GenesisBlock.create(channel, size, Duration.ofSeconds(2), etcdRaft());
    }

    static Envelope tx(String s) {
        return Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(s)).build();
    }

    /** Genesis and {@code blocks} more blocks of {@code perBlock} transactions each, raft indexes 3, 4, … */
    static List<Block> chain(String channel, int blocks, int perBlock) {
        List<Block> out = new ArrayList<>();
        Block genesis = genesis(channel);
        out.add(genesis);
        BlockFactory factory = new BlockFactory(genesis.getHeader());
        for (int b = 1; b <= blocks; b++) {
            List<Envelope> batch = new ArrayList<>();
            for (int t = 0; t < perBlock; t++) {
                batch.add(tx("block " + b + " tx " + t));
            }
            Block created = factory.createNextBlock(batch);
            out.add(Blocks.withOrdererMetadata(created, 0,
                    org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder()
                            .addConsenterIds(1).addConsenterIds(2).addConsenterIds(3).setNextConsenterId(4)
                            .setRaftIndex(b + 2L).build()));
        }
        return out;
    }
}
