package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.config.files.SafeFiles;
import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.orderer.GenesisBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;

/**
 * Channels that start from an existing genesis block — configtxgen's {@code -outputBlock}, the file
 * {@code osnadmin channel join --config-block} takes — instead of one encoded from the profile.
 *
 * <p>Block 0 is the file's block byte for byte and the channel id is the block's. The consenters and the etcdraft
 * Options come from the block's consensus metadata, as a Fabric orderer joining with that block would take them;
 * they are checked against the configtx.yaml plan, because the launch starts one node per planned consenter: a
 * consenter of the block with no planned node (or with other TLS certificates than the planned one's files) is
 * refused with what differs.
 */
public final class JoinBlocks {

    /** A config block is small; configtxgen's are a few tens of kilobytes. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private JoinBlocks() {
    }

    /**
     * {@code plan} with each block's channel starting from that block.
     *
     * @param replaceDefault when true (no {@code --channel} was given), the blocks' channels replace the plan's
     *                       default channel instead of joining it
     * @param tickOverride   {@code --tick} or orderer.yaml's TickIntervalOverride, which Fabric applies over every
     *                       channel's configured TickInterval, the block's too
     * @throws IllegalArgumentException what is wrong with which file, and how to fix it
     */
    public static NetworkPlan apply(NetworkPlan plan, List<Path> files, boolean replaceDefault,
                                    java.util.Optional<Duration> tickOverride) {
        if (files.isEmpty()) {
            return plan;
        }
        Map<String, ChainOptions> channels = new LinkedHashMap<>(replaceDefault ? Map.of() : plan.channels());
        Map<String, Block> blocks = new LinkedHashMap<>(plan.channelBlocks());
        ChainOptions template = plan.channels().values().iterator().next();
        for (Path file : files) {
            Block block = read(file);
            GenesisBlock.OrderingConfig config;
            try {
                config = GenesisBlock.read(block);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage()
                        + " (pass a block made by configtxgen -outputBlock for an etcdraft profile)");
            }
            String channel = config.channelId();
            if (blocks.containsKey(channel)) {
                throw new IllegalArgumentException(file + ": channel " + channel
                        + " is given by two --config-block files; pass one block per channel");
            }
            List<Long> ids = consenterIds(plan, config.etcdRaft().getConsentersList(), file);
            ChainOptions options = options(channel, ids, config, template, file);
            if (tickOverride.isPresent()) {
                options = new ChainOptions(channel, ids, tickOverride.get(), options.electionTick(), options.heartbeatTick(),
                        options.maxInflightBlocks(), options.snapshotIntervalSize(), options.maxMessageCount(),
                        options.absoluteMaxBytes(), options.preferredMaxBytes(), options.batchTimeout(),
                        options.readyOrder(), options.evictionSuspicion(), options.etcdRaftVersion());
            }
            channels.put(channel, options);
            blocks.put(channel, block);
        }
        return new NetworkPlan(plan.configtx(), plan.profile(), plan.consenters(), channels, plan.opsListenHost(),
                plan.opsBasePort(), plan.walDir(), plan.snapDir(), plan.sendBufferSize(), blocks, plan.participation(),
                plan.rpcTimeout());
    }

    static Block read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read config block " + file + " (no such file)");
        }
        Block block;
        try {
            block = Block.parseFrom(SafeFiles.read(file, MAX_BYTES));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not a Fabric block (" + e.getMessage()
                    + "); pass the file configtxgen -outputBlock wrote");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config block " + file + ": " + e.getMessage());
        }
        if (block.getHeader().getNumber() != 0) {
            throw new IllegalArgumentException(file + ": block " + block.getHeader().getNumber()
                    + " is not a genesis block; a channel starts from block 0 (configtxgen -outputBlock)");
        }
        return block;
    }

    /** The planned node of each consenter of the block, in the block's order (Raft ids follow that order). */
    private static List<Long> consenterIds(NetworkPlan plan, List<Consenter> inBlock, Path file) {
        List<Long> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Consenter c : inBlock) {
            String address = c.getHost() + ":" + c.getPort();
            ConsenterPlan node = plan.consenters().stream().filter(p -> p.address().equals(address)).findFirst().orElse(null);
            if (node == null) {
                problems.add("consenter " + address + " is in the block but the launch has no node for it");
                continue;
            }
            if (differs(node.clientTlsCert(), c.getClientTlsCert())) {
                problems.add("consenter " + address + " has a ClientTLSCert other than " + node.clientTlsCert()
                        + " (" + node.source() + ")");
            }
            if (differs(node.serverTlsCert(), c.getServerTlsCert())) {
                problems.add("consenter " + address + " has a ServerTLSCert other than " + node.serverTlsCert()
                        + " (" + node.source() + ")");
            }
            ids.add(node.id().value());
        }
        if (inBlock.isEmpty()) {
            problems.add("the block's etcdraft metadata has no consenters");
        }
        if (!problems.isEmpty()) {
            List<String> planned = plan.consenters().stream().map(ConsenterPlan::address).toList();
            throw new IllegalArgumentException(file + " does not match profile " + plan.profile() + " of "
                    + plan.configtx() + ": " + String.join("; ", problems) + " (the launch's consenters: "
                    + String.join(", ", planned) + "); launch the profile the block was made from");
        }
        return ids;
    }

    /** A certificate file the plan names and the block embeds differently (a missing file: a development identity, not compared). */
    private static boolean differs(Path planned, ByteString inBlock) {
        if (planned == null || !Files.isRegularFile(planned)) {
            return false;
        }
        try {
            return !ByteString.copyFrom(SafeFiles.read(planned, SafeFiles.SMALL_FILE_LIMIT)).equals(inBlock);
        } catch (IOException e) {
            return false;
        }
    }

    /** The channel's settings from the block; an option the block leaves 0 keeps the plan's (Fabric's default). */
    static ChainOptions options(String channel, List<Long> ids, GenesisBlock.OrderingConfig config,
                                        ChainOptions template, Path file) {
        Options o = config.etcdRaft().getOptions();
        Duration tick = template.tickInterval();
        if (!o.getTickInterval().isEmpty()) {
            GoDuration.Parsed p = GoDuration.parse(o.getTickInterval());
            if (!p.ok() || p.value().isZero() || p.value().isNegative()) {
                throw new IllegalArgumentException(file + ": the block's TickInterval " + o.getTickInterval()
                        + " is not a positive duration");
            }
            tick = p.value();
        }
        int election = o.getElectionTick() != 0 ? o.getElectionTick() : template.electionTick();
        int heartbeat = o.getHeartbeatTick() != 0 ? o.getHeartbeatTick() : template.heartbeatTick();
        if (election <= heartbeat) {
            throw new IllegalArgumentException(file + ": the block's ElectionTick " + election
                    + " must be greater than its HeartbeatTick " + heartbeat);
        }
        var bs = config.batchSize();
        return new ChainOptions(channel, ids, tick, election, heartbeat,
                o.getMaxInflightBlocks() != 0 ? o.getMaxInflightBlocks() : template.maxInflightBlocks(),
                o.getSnapshotIntervalSize() != 0 ? Integer.toUnsignedLong(o.getSnapshotIntervalSize()) : template.snapshotIntervalSize(),
                bs.getMaxMessageCount() != 0 ? bs.getMaxMessageCount() : template.maxMessageCount(),
                bs.getAbsoluteMaxBytes() != 0 ? Integer.toUnsignedLong(bs.getAbsoluteMaxBytes()) : template.absoluteMaxBytes(),
                bs.getPreferredMaxBytes() != 0 ? Integer.toUnsignedLong(bs.getPreferredMaxBytes()) : template.preferredMaxBytes(),
                config.batchTimeout(), template.readyOrder(), template.evictionSuspicion(),
                template.etcdRaftVersion()); // the orderer's Fabric version, not the block's
    }
}
