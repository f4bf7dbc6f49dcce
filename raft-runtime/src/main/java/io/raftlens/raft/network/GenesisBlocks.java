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

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.yaml.YamlParser;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.configtxgen.ConfigtxgenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each channel's genesis block, built from the configuration only, so that every consenter — in this JVM or in
 * separate {@code raftlens node} processes — starts its ledger with the same block 0.
 *
 * <p>The channel config is the one Fabric's configtxgen builds from the launch profile
 * ({@link ChannelConfigEncoder}: organizations with their MSPs, Application group, policies, etcdraft metadata
 * with the consenters' certificates); a profile configtxgen refuses does not launch, with configtxgen's message
 * and the configtx.yaml line. Only the header stamp differs from {@code configtxgen -outputBlock}: a nonce derived
 * from the channel name and no time, so that every node builds identical bytes.
 *
 * <p>Development mode: when some consenter has no certificate files yet (the development CA issues its identity),
 * the certificate it presents is embedded instead, and if the organizations' MSP folders are missing too the block
 * falls back to the ordering-only config RaftLens used before (no organizations) — there is nothing to read them from.
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
     *
     * @throws IllegalStateException {@code file:line:col: configtxgen: MESSAGE} when configtxgen would refuse the profile
     */
    public static Map<String, Block> of(NetworkPlan plan, Map<Long, NodeIdentities.Identity> identities) {
        boolean development = plan.consenters().stream().anyMatch(c -> bytes(c.clientTlsCert()).isEmpty()
                || bytes(c.serverTlsCert()).isEmpty());
        Optional<ConfigGroup> channelGroup = encode(plan, identities, development);
        Map<String, Block> out = new LinkedHashMap<>();
        for (ChainOptions ch : plan.channels().values()) {
            Block given = plan.channelBlocks().get(ch.channel());
            if (given != null) {
                out.put(ch.channel(), given); // --config-block: configtxgen's block, byte for byte
                continue;
            }
            out.put(ch.channel(), channelGroup
                    .map(g -> GenesisBlock.create(ch.channel(), g, GenesisBlock.Stamp.deterministic(ch.channel())))
                    .orElseGet(() -> orderingOnly(plan, identities, ch)));
        }
        return out;
    }

    private static Optional<ConfigGroup> encode(NetworkPlan plan, Map<Long, NodeIdentities.Identity> identities, boolean development) {
        if (plan.configtx() == null || !Files.isRegularFile(plan.configtx())) {
            return Optional.empty(); // a plan built in code (tests), not from a configtx.yaml
        }
        Configtx configtx;
        try {
            String text = new String(io.raftlens.config.files.SafeFiles.read(plan.configtx(), io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8);
            FabricVersion version = Modeline.find(text).flatMap(Modeline::fabricVersion).orElse(FabricVersion.V3);
            configtx = ConfigtxLoader.model(plan.configtx(), YamlParser.parse(text), version);
        } catch (IOException e) {
            throw new IllegalStateException(plan.configtx() + ": cannot read: " + e.getMessage());
        }
        Optional<Profile> found = configtx.profile(plan.profile());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Profile profile = found.get();
        ChannelConfigEncoder encoder = new ChannelConfigEncoder((c, file, client) -> {
            ConsenterPlan cp = plan.consenters().stream().filter(p -> p.genesisRaftId().value() == c.raftId()).findFirst().orElse(null);
            ByteString fromFile = bytes(file);
            if (!fromFile.isEmpty()) {
                return fromFile;
            }
            if (cp == null || !development) {
                return ChannelConfigEncoder.defaults().certificates().read(c, file, client); // configtxgen's error
            }
            return consenter(cp, identities.get(cp.id().value())).getClientTlsCert();
        });
        try {
            return Optional.of(encoder.checkedChannelGroup(profile));
        } catch (ConfigtxgenException e) {
            if (development) {
                return Optional.empty();
            }
            String where = e.range().map(r -> plan.configtx() + ":" + (r.start().line() + 1) + ":" + (r.start().column() + 1))
                    .orElse(plan.configtx().toString());
            throw new IllegalStateException(where + ": configtxgen: " + e.getMessage());
        }
    }

    /** Block 0 with the ordering part only (development mode without MSP folders). */
    private static Block orderingOnly(NetworkPlan plan, Map<Long, NodeIdentities.Identity> identities, ChainOptions ch) {
        ConfigMetadata.Builder md = ConfigMetadata.newBuilder();
        for (ConsenterPlan c : plan.consenters()) {
            md.addConsenters(consenter(c, identities.get(c.id().value())));
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
        return GenesisBlock.create(ch.channel(), bs, ch.batchTimeout(), md.build());
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
