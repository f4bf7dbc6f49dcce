package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.orderer.GenesisBlock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each channel's genesis block, built only from the configuration (consenters with the bytes of their
 * certificate files, Options, BatchSize/BatchTimeout) so that every consenter — in this JVM or in separate
 * {@code raftlens node} processes — starts its ledger with the same block 0.
 */
public final class GenesisBlocks {

    private GenesisBlocks() {
    }

    public static Map<String, Block> of(NetworkPlan plan) {
        Map<String, Block> out = new LinkedHashMap<>();
        for (ChainOptions ch : plan.channels().values()) {
            ConfigMetadata.Builder md = ConfigMetadata.newBuilder();
            for (ConsenterPlan c : plan.consenters()) {
                md.addConsenters(Consenter.newBuilder().setHost(c.host()).setPort(c.port())
                        .setClientTlsCert(bytes(c.clientTlsCert())).setServerTlsCert(bytes(c.serverTlsCert())));
            }
            md.setOptions(Options.newBuilder()
                    .setTickInterval(ch.tickInterval().toMillis() + "ms")
                    .setElectionTick(ch.electionTick())
                    .setHeartbeatTick(ch.heartbeatTick())
                    .setMaxInflightBlocks(ch.maxInflightBlocks())
                    .setSnapshotIntervalSize((int) Math.min(Integer.MAX_VALUE, ch.snapshotIntervalSize())));
            BatchSize bs = BatchSize.newBuilder().setMaxMessageCount(ch.maxMessageCount())
                    .setAbsoluteMaxBytes((int) ch.absoluteMaxBytes())
                    .setPreferredMaxBytes((int) ch.preferredMaxBytes()).build();
            out.put(ch.channel(), GenesisBlock.create(ch.channel(), bs, ch.batchTimeout(), md.build()));
        }
        return out;
    }

    private static ByteString bytes(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return ByteString.EMPTY;
        }
        try {
            return ByteString.copyFrom(Files.readAllBytes(file));
        } catch (IOException e) {
            return ByteString.EMPTY;
        }
    }
}
