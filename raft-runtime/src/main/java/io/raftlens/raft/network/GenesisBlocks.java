package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.orderer.GenesisBlock;
import io.raftlens.raft.transport.Pem;
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
        return of(plan, Map.of());
    }

    /**
     * As {@link #of(NetworkPlan)}, with the certificate each consenter actually presents (PEM, as configtxgen
     * embeds it) for a consenter whose certificate files do not exist (a development CA identity): every consenter
     * then has its own ClientTlsCert, which is how config updates tell consenters apart.
     */
    public static Map<String, Block> of(NetworkPlan plan, Map<Long, NodeIdentities.Identity> identities) {
        Map<String, Block> out = new LinkedHashMap<>();
        for (ChainOptions ch : plan.channels().values()) {
            ConfigMetadata.Builder md = ConfigMetadata.newBuilder();
            for (ConsenterPlan c : plan.consenters()) {
                md.addConsenters(consenter(c, identities.get(c.id())));
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

    /** Consenter {@code c} as the etcdraft metadata lists it. */
    static Consenter consenter(ConsenterPlan c, NodeIdentities.Identity identity) {
        ByteString presented = identity == null ? ByteString.EMPTY
                : ByteString.copyFromUtf8(Pem.encode(identity.certificate()));
        ByteString client = bytes(c.clientTlsCert());
        ByteString server = bytes(c.serverTlsCert());
        return Consenter.newBuilder().setHost(c.host()).setPort(c.port())
                .setClientTlsCert(client.isEmpty() ? presented : client)
                .setServerTlsCert(server.isEmpty() ? presented : server).build();
    }

    private static ByteString bytes(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return ByteString.EMPTY;
        }
        try {
            return ByteString.copyFrom(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT));
        } catch (IOException e) {
            return ByteString.EMPTY;
        }
    }
}
