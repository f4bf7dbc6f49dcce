package io.raftlens.raft.network;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import io.raftlens.raft.fabric.configtx.ConfigValueChecks;
import io.raftlens.raft.fabric.participation.ChannelInfo;
import io.raftlens.raft.fabric.participation.ChannelManagement;
import io.raftlens.raft.fabric.participation.ChannelStatus;
import io.raftlens.raft.fabric.participation.ConsensusRelation;
import io.raftlens.raft.fabric.participation.ParticipationException;
import io.raftlens.raft.fabric.participation.ParticipationException.Kind;
import io.raftlens.raft.node.BlockSource;
import io.raftlens.raft.node.Chain;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.ChannelIds;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.GenesisBlock;
import io.raftlens.raft.orderer.LedgerDirectory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's side of the channel participation API (Fabric's Registrar: JoinChannel, RemoveChannel, ChannelInfo,
 * ChannelList, FetchBlock). A join block whose consenters include this node (by TLS certificate, as etcdraft's
 * {@code IsChannelMember}) and that is a genesis block starts a chain that elects a leader with the other consenters
 * that joined; any other join block makes this node a follower that pulls the channel's blocks, where the host can
 * pull them ({@code followerSource}), and is refused otherwise. Channels joined earlier are found again in the
 * node's ledger folder when it starts, as Fabric's orderer finds its ledgers.
 */
public final class NodeParticipation implements ChannelManagement, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.multichannel");

    /** What the network hears about: a channel appeared on or left this node. */
    public interface Listener {
        void joined(String channel, ConsensusRelation relation);

        void removed(String channel);

        Listener NONE = new Listener() {
            @Override
            public void joined(String channel, ConsensusRelation relation) {
            }

            @Override
            public void removed(String channel) {
            }
        };
    }

    private final OrderingNode node;
    private final NetworkPlan plan;
    private final Map<Long, X509Certificate> members;
    private final Optional<BlockSource> followerSource;
    private final ScheduledExecutorService timers;
    private final Listener listener;
    private final Map<String, FollowerChannel> followers = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Where config updates go (the node's orderer.AtomicBroadcast config path); null: not taken here. */
    private volatile java.util.function.BiFunction<String, org.hyperledger.fabric.protos.common.Envelope,
            java.util.concurrent.CompletableFuture<io.raftlens.raft.fabric.ab.OrdererChannel.Ordered>> configUpdates;

    /**
     * @param members        the TLS certificate of every node of the network, by node id: who a join block's
     *                       consenters can be
     * @param followerSource where a follower pulls blocks; empty when this host cannot serve followers
     */
    public NodeParticipation(OrderingNode node, NetworkPlan plan, Map<Long, X509Certificate> members,
                             Optional<BlockSource> followerSource, ScheduledExecutorService timers, Listener listener) {
        this.node = node;
        this.plan = plan;
        this.members = Map.copyOf(members);
        this.followerSource = followerSource;
        this.timers = timers;
        this.listener = listener;
    }

    /** Every node's TLS certificate by node id: who can be a consenter of a channel joined at run time. */
    public static Map<Long, X509Certificate> certificates(Map<Long, NodeIdentities.Identity> identities) {
        Map<Long, X509Certificate> m = new java.util.LinkedHashMap<>();
        identities.forEach((id, identity) -> m.put(id, identity.certificate()));
        return m;
    }

    /**
     * Picks up the channels this node joined in an earlier run (ledger folders of channels the plan does not name):
     * as a consenter when its last config block lists it, else as a follower. Call once the node runs.
     */
    public void recover() {
        LedgerDirectory layout = new LedgerDirectory(node.spec().dataDir(), node.spec().walDir(), node.spec().snapDir());
        for (String channel : layout.channels()) {
            if (node.channelOptions().containsKey(channel) || followers.containsKey(channel)
                    || plan.channels().containsKey(channel)) {
                continue;
            }
            try {
                Block genesis;
                Block lastConfig;
                try (FileLedger ledger = FileLedger.open(layout.ledgerDir(channel))) {
                    genesis = ledger.block(0);
                    lastConfig = ledger.block(Blocks.lastConfigIndex(ledger.lastBlock().orElseThrow()));
                }
                if (isConsenterIn(lastConfig)) {
                    node.joinChannel(joined(channel, genesis));
                } else {
                    startFollower(channel, genesis, layout.ledgerDir(channel));
                }
                LOG.info("Channel {} found in the ledger folder of node {}; rejoined it", channel, node.id());
            } catch (RuntimeException | ParticipationException e) {
                LOG.warn("Channel {} of node {} cannot be reopened: {}", channel, node.id(), e.getMessage());
            }
        }
        channels().forEach(this::report);
    }

    /** Fabric's participation_status and participation_consensus_relation gauges of {@code channel}. */
    private void report(String channel) {
        try {
            ChannelInfo info = channelInfo(channel);
            node.metrics().participation().relation(channel,
                    io.raftlens.raft.metrics.ParticipationMetrics.Relation.valueOf(info.consensusRelation().name()));
            node.metrics().participation().status(channel,
                    io.raftlens.raft.metrics.ParticipationMetrics.Status.valueOf(info.status().name()));
        } catch (ParticipationException e) {
            node.metrics().participation().status(channel, io.raftlens.raft.metrics.ParticipationMetrics.Status.INACTIVE);
        }
    }

    @Override
    public List<String> channels() {
        Set<String> all = new LinkedHashSet<>(node.channelOptions().keySet());
        all.addAll(followers.keySet());
        return new ArrayList<>(all);
    }

    @Override
    public ChannelInfo channelInfo(String channel) throws ParticipationException {
        FollowerChannel f = followers.get(channel);
        if (f != null) {
            // Fabric's follower reports "consenter" while onboarding towards a channel whose join block lists it
            return new ChannelInfo(channel, "", f.joinedAsMember() ? ConsensusRelation.CONSENTER : ConsensusRelation.FOLLOWER,
                    f.status(), f.height());
        }
        if (!node.channelOptions().containsKey(channel)) {
            throw new ParticipationException(Kind.CHANNEL_NOT_EXIST);
        }
        Optional<Chain> chain = node.chain(channel);
        if (chain.isEmpty()) {
            return new ChannelInfo(channel, "", ConsensusRelation.CONSENTER, ChannelStatus.INACTIVE, 0);
        }
        ChainStatus s = chain.get().status();
        if (s.evicted()) {
            // Fabric's halted etcdraft chain reports config-tracker; its status stays what it was
            return new ChannelInfo(channel, "", ConsensusRelation.CONFIG_TRACKER, ChannelStatus.INACTIVE, s.height());
        }
        return new ChannelInfo(channel, "", ConsensusRelation.CONSENTER,
                ChainStatus.HALTED.equals(s.role()) ? ChannelStatus.FAILED : ChannelStatus.ACTIVE, s.height());
    }

    @Override
    public ChannelInfo joinChannel(String channel, Block configBlock) throws ParticipationException {
        synchronized (lock) {
            if (node.channelOptions().containsKey(channel) || followers.containsKey(channel)) {
                throw new ParticipationException(Kind.CHANNEL_ALREADY_EXISTS);
            }
            GenesisBlock.OrderingConfig config;
            try {
                config = GenesisBlock.read(configBlock);
            } catch (IllegalArgumentException e) {
                String type = e.getMessage().contains("consensus type ")
                        ? e.getMessage().replaceAll(".*consensus type ([^,\\s]+).*", "$1") : null;
                throw new ParticipationException(type != null
                        ? "failed to find a consenter for consensus type: " + type
                        : "failed extracting config envelope from block: " + e.getMessage());
            }
            String invalid = invalidConsenterCertificates(configBlock, config);
            if (invalid != null) {
                throw new ParticipationException("failed to determine cluster membership from join-block: " + invalid);
            }
            boolean member = isConsenterIn(config);
            if (configBlock.getHeader().getNumber() == 0 && member) {
                OrderingNode.JoinedChannel joined = joined(channel, configBlock);
                try {
                    node.joinChannel(joined);
                } catch (RuntimeException e) {
                    throw new ParticipationException("failed to create chain support: " + e.getMessage());
                }
                LOG.info("Joining channel: {} as consenter of node {}", channel, node.id());
                listener.joined(channel, ConsensusRelation.CONSENTER);
                report(channel);
                return channelInfo(channel);
            }
            if (followerSource.isEmpty()) {
                throw new ParticipationException("failed to create follower: " + (member
                        ? "block " + configBlock.getHeader().getNumber() + " is not a genesis block, and joining a running"
                        + " channel goes through onboarding, which this orderer process cannot do without the other"
                        + " orderers' client ports (start it with fixed ports, not ephemeral ones); join with block 0"
                        : "this node is not in the block's consenter set, and this `raftlens node` process cannot follow"
                        + " channels without the other orderers' client ports (start it with fixed ports, not ephemeral"
                        + " ones), or add it to the consenters (a config update) and join with the genesis block"));
            }
            Path ledgerDir = new LedgerDirectory(node.spec().dataDir(), node.spec().walDir(), node.spec().snapDir())
                    .ledgerDir(channel);
            startFollower(channel, configBlock, ledgerDir);
            LOG.info("Joining channel: {} as follower of node {}", channel, node.id());
            listener.joined(channel, ConsensusRelation.FOLLOWER);
            report(channel);
            return channelInfo(channel);
        }
    }

    private void startFollower(String channel, Block joinBlock, Path ledgerDir) {
        FollowerChannel[] self = new FollowerChannel[1];
        FollowerChannel f = new FollowerChannel(channel, joinBlock, isConsenterIn(joinBlock), ledgerDir, followerSource.orElseThrow(),
                this::isConsenterIn, () -> switchToChain(channel, self[0]), timers);
        self[0] = f;
        followers.put(channel, f);
    }

    /** Fabric's SwitchFollowerToChain: the follower's ledger becomes the chain's; the leader brings it up to date. */
    private void switchToChain(String channel, FollowerChannel follower) {
        synchronized (lock) {
            if (followers.get(channel) != follower) {
                return; // removed meanwhile
            }
            followers.remove(channel);
            try {
                Block genesis;
                Path dir = new LedgerDirectory(node.spec().dataDir(), node.spec().walDir(), node.spec().snapDir())
                        .ledgerDir(channel);
                try (FileLedger ledger = FileLedger.open(dir)) {
                    genesis = ledger.block(0);
                }
                node.joinChannel(joined(channel, genesis));
                listener.joined(channel, ConsensusRelation.CONSENTER);
                report(channel);
            } catch (RuntimeException | ParticipationException e) {
                LOG.error("Channel {}: switching node {} from follower to chain failed: {}", channel, node.id(), e.getMessage());
            }
        }
    }

    @Override
    public void removeChannel(String channel) throws ParticipationException {
        synchronized (lock) {
            FollowerChannel f = followers.remove(channel);
            if (f != null) {
                f.close();
                deleteLedger(channel);
            } else if (node.channelOptions().containsKey(channel)) {
                try {
                    node.removeChannel(channel);
                } catch (RuntimeException e) {
                    throw new ParticipationException(Kind.CHANNEL_REMOVAL_FAILURE);
                }
            } else {
                throw new ParticipationException(Kind.CHANNEL_NOT_EXIST);
            }
            LOG.info("Removed channel: {}", channel);
            report(channel);
            listener.removed(channel);
        }
    }

    private void deleteLedger(String channel) {
        Path dir = new LedgerDirectory(node.spec().dataDir(), node.spec().walDir(), node.spec().snapDir()).ledgerDir(channel);
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            LOG.warn("ledger of channel {} could not be removed: {}", channel, e.getMessage());
        }
    }

    @Override
    public Block fetchBlock(String channel, String blockId) throws ParticipationException {
        if (followers.containsKey(channel)) {
            throw new ParticipationException(Kind.CHANNEL_NOT_READY);
        }
        if (!node.channelOptions().containsKey(channel)) {
            throw new ParticipationException(Kind.CHANNEL_NOT_EXIST);
        }
        long height = node.chain(channel).map(c -> c.status().height()).orElse(0L);
        long number = switch (blockId) {
            case "oldest" -> 0;
            case "newest" -> height - 1;
            case "config" -> node.block(channel, height - 1).map(Blocks::lastConfigIndex).orElse(-1L);
            default -> Long.parseLong(blockId);
        };
        final long n = number;
        return node.block(channel, n).orElseThrow(() -> new ParticipationException(
                "no such block number [" + n + "] in ledger of channel " + channel + " (height " + height + ")"));
    }

    /** True when this node's TLS certificate is a consenter's in the config block. */
    private boolean isConsenterIn(Block configBlock) {
        try {
            return isConsenterIn(GenesisBlock.read(configBlock));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * etcdraft's IsChannelMember verifies the block's consenter certificates against its orderer organizations' TLS
     * CAs before looking for itself; a block whose config RaftLens cannot build as a bundle (its ordering-only
     * development block) keeps the checks {@link GenesisBlock#read} made.
     */
    private static String invalidConsenterCertificates(Block configBlock, GenesisBlock.OrderingConfig config) {
        ChannelConfig bundle;
        try {
            bundle = ChannelConfig.fromBlock(configBlock);
        } catch (ConfigException | RuntimeException e) {
            return null;
        }
        return ConfigValueChecks.verifyJoinBlockMetadata(bundle, config.etcdRaft());
    }

    private boolean isConsenterIn(GenesisBlock.OrderingConfig config) {
        X509Certificate own = members.get(node.id());
        for (Consenter c : config.etcdRaft().getConsentersList()) {
            if (own != null && ChannelIds.nodeOf(c, Map.of(node.id(), own)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The chain settings of a joined channel: its consenters mapped to this network's nodes by TLS certificate. */
    private OrderingNode.JoinedChannel joined(String channel, Block genesis) throws ParticipationException {
        GenesisBlock.OrderingConfig config;
        try {
            config = GenesisBlock.read(genesis); // Raft ids start from block 0's consenters; later config blocks move them
        } catch (IllegalArgumentException e) {
            throw new ParticipationException(e.getMessage());
        }
        List<Long> ids = new ArrayList<>();
        for (Consenter c : config.etcdRaft().getConsentersList()) {
            Long id = ChannelIds.nodeOf(c, members);
            if (id == null) {
                throw new ParticipationException("consenter " + c.getHost() + ":" + c.getPort() + " of the channel's block 0 is not"
                        + " a node of this network (its TLS certificate is none of profile " + plan.profile() + "'s "
                        + plan.consenters().size() + " consenters); RaftLens dials only the consenters it knows");
            }
            ids.add(id);
        }
        ChainOptions template = plan.channels().values().iterator().next();
        ChainOptions options;
        try {
            options = JoinBlocks.options(channel, ids, config, template, Path.of("config-block"));
        } catch (IllegalArgumentException e) {
            throw new ParticipationException(e.getMessage());
        }
        Duration tick = plan.participation().tickOverride();
        if (tick != null) {
            options = new ChainOptions(channel, ids, tick, options.electionTick(), options.heartbeatTick(),
                    options.maxInflightBlocks(), options.snapshotIntervalSize(), options.maxMessageCount(),
                    options.absoluteMaxBytes(), options.preferredMaxBytes(), options.batchTimeout(),
                    options.readyOrder(), options.evictionSuspicion(), options.etcdRaftVersion());
        }
        return new OrderingNode.JoinedChannel(options, genesis, members);
    }

    /** Takes config updates ({@code PUT}, osnadmin's {@code channel update}) through the node's AtomicBroadcast config path. */
    public NodeParticipation takingConfigUpdatesThrough(OrdererServices services) {
        this.configUpdates = services::submitConfigUpdate;
        return this;
    }

    /**
     * Fabric's UpdateChannel: refused for a follower ({@code CHANNEL_NOT_READY}) or an unknown channel; otherwise the
     * update goes through the config path (its refusal is "failed update config of channel …") and is ordered.
     */
    @Override
    public ChannelInfo updateChannel(String channel, org.hyperledger.fabric.protos.common.Envelope configUpdate)
            throws ParticipationException {
        if (followers.containsKey(channel)) {
            throw new ParticipationException(Kind.CHANNEL_NOT_READY);
        }
        if (!node.channelOptions().containsKey(channel)) {
            throw new ParticipationException(Kind.CHANNEL_NOT_EXIST);
        }
        var submit = configUpdates;
        if (submit == null) {
            return ChannelManagement.super.updateChannel(channel, configUpdate);
        }
        io.raftlens.raft.fabric.ab.OrdererChannel.Ordered r;
        try {
            r = submit.apply(channel, configUpdate).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ParticipationException("failed update config of channel " + channel
                    + " with SERVICE_UNAVAILABLE: rejected by Consenter: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParticipationException("failed update config of channel " + channel + ": interrupted");
        }
        switch (r.status()) {
            case SUCCESS -> {
                LOG.info("Updating channel: {} on node {}", channel, node.id());
                return channelInfo(channel);
            }
            case SERVICE_UNAVAILABLE -> throw new ParticipationException("failed update config of channel " + channel
                    + " with SERVICE_UNAVAILABLE: rejected by Configure: " + r.info());
            default -> throw new ParticipationException("failed update config of channel " + channel + ": " + r.info());
        }
    }

    /** Stops the followers (the node stops; their ledgers stay, and {@link #recover} picks them up again). */
    @Override
    public void close() {
        synchronized (lock) {
            followers.values().forEach(FollowerChannel::close);
            followers.clear();
        }
    }

    /** Channels this node follows (pulls without being a consenter). */
    public Set<String> followedChannels() {
        return Set.copyOf(followers.keySet());
    }

    /** The height of a followed channel, 0 when not followed. */
    public long followerHeight(String channel) {
        FollowerChannel f = followers.get(channel);
        return f == null ? 0 : f.height();
    }

    /** A block of a followed channel. */
    public Optional<Block> followerBlock(String channel, long number) {
        FollowerChannel f = followers.get(channel);
        return f == null ? Optional.empty() : f.block(number);
    }
}
