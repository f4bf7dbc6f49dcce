package io.raftlens.raft.network;

import io.raftlens.raft.fabric.config.ChannelConfig;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.ids.RaftId;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.Chain;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.ChainStorage;
import io.raftlens.raft.node.ConsenterUpdateResult;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.transport.PeerEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

/**
 * Every consenter of a profile as a node in this JVM, each on 127.0.0.1 at its consenter Port with its own
 * folder under the data directory, sharing one scheduler and one Netty event loop group. Implements the control
 * operations and publishes {@link NetworkEvents}.
 */
public final class LocalNetwork implements NetworkControl, AutoCloseable {

    private final NetworkPlan plan;
    private final DataDirectory dir;
    private final NetworkEvents events = new NetworkEvents();
    private final ScheduledExecutorService timers;
    private final EventLoopGroup eventLoops;
    /** A node's orderer.AtomicBroadcast port relative to its consenter port. */
    public static final int CLIENT_PORT_OFFSET = 100;
    private final ByNode<OrderingNode> nodes = ByNode.ordered();
    private final ByNode<Integer> opsPorts = ByNode.concurrent();
    /** Each running node's operations endpoint; a stopped or killed node has none, like a dead orderer process. */
    private final ByNode<OperationsServer> operations = ByNode.concurrent();
    /** orderer.AtomicBroadcast over gRPC per running node, and the client port each node keeps across restarts. */
    /** Each consenter's orderer signing identity (blocks, and the CONFIG envelopes it makes of config updates). */
    private final ByNode<io.raftlens.raft.fabric.msp.SigningIdentity> signers = ByNode.concurrent();
    /** The sample client identity the control API signs broadcasts with, per channel (empty: none). */
    private final Map<String, Optional<io.raftlens.raft.fabric.msp.SigningIdentity>> clients = new ConcurrentHashMap<>();
    private final ByNode<OrdererServices> services = ByNode.concurrent();
    private final ByNode<Integer> clientPorts = ByNode.concurrent();
    /** The channel participation API per running node, and the admin port each node keeps across restarts. */
    private final ByNode<io.raftlens.raft.fabric.participation.AdminServer> admins = ByNode.concurrent();
    private final ByNode<NodeParticipation> participations = ByNode.concurrent();
    private final ByNode<Integer> adminPorts = ByNode.concurrent();
    private volatile boolean launched;
    private final ByNode<Object> lifecycleLocks = ByNode.concurrent();
    private final Map<String, NodeId> lastLeader = new ConcurrentHashMap<>();
    /** Each node's channels as of its last snapshot while running: what a stopped node shows. */
    private final ByNode<Map<String, ChannelState>> lastKnown = ByNode.concurrent();
    /** Nodes isolated and not healed, restarted or stopped since. */
    private final ByNode.Ids isolated = new ByNode.Ids();
    /** Each node's certificates, as {@link NodeIdentities} resolves them (read through {@link #identity}). */
    private Map<Long, NodeIdentities.Identity> identities = Map.of();
    private final List<Runnable> stateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalNetwork(NetworkPlan plan, DataDirectory dir) {
        this.plan = plan;
        this.dir = dir;
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "raftlens-timers");
            t.setDaemon(true);
            return t;
        });
        this.eventLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    /**
     * Starts every consenter. Fails fast with a one-line {@link IllegalStateException} (port in use, unreadable
     * certificate, foreign WAL …) naming the node, leaving nothing running.
     */
    public static LocalNetwork start(NetworkPlan plan, DataDirectory dir) {
        return start(plan, dir, FileChainStorage::new);
    }

    /** As {@link #start(NetworkPlan, DataDirectory)} with each node's storage from {@code storage}. */
    public static LocalNetwork start(NetworkPlan plan, DataDirectory dir, Function<NodeSpec, ChainStorage> storage) {
        LocalNetwork net = new LocalNetwork(plan, dir);
        try {
            net.launch(storage);
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private void launch(Function<NodeSpec, ChainStorage> storage) {
        for (int i = 0; i < plan.consenters().size(); i++) {
            ConsenterPlan c = plan.consenters().get(i);
            checkPortFree(c.port(), "consenter " + c.address() + " (" + c.source() + ")", "change its Port");
            int ops = plan.opsBasePort() == 0 ? 0 : plan.opsBasePort() + i;
            if (ops != 0) {
                checkPortFree(ops, "operations endpoint of consenter " + c.address(), "pass --ops-base-port");
            }
            opsPorts.put(c.id(), ops);
        }
        Map<Long, NodeIdentities.Identity> ids = NodeIdentities.resolve(plan, dir.root().resolve("devca"));
        identities = ids;
        Map<String, Block> genesis = GenesisBlocks.of(plan, ids);
        for (ConsenterPlan c : plan.consenters()) {
            NodeSpec spec = specFor(plan, dir, c, ids, genesis);
            ChainStorage chainStorage = storage.apply(spec);
            Optional<io.raftlens.raft.fabric.msp.SigningIdentity> signer = genesis.isEmpty() ? Optional.empty()
                    : NodeSigners.forConsenter(c, genesis.values().iterator().next());
            signer.ifPresent(id -> signers.put(c.id(), id));
            if (chainStorage instanceof io.raftlens.raft.node.FileChainStorage files) {
                signer.ifPresent(id -> files.signingBlocksWith(b -> io.raftlens.raft.orderer.BlockSignatures.sign(b, id)));
            }
            OrderingNode node = new OrderingNode(spec, chainStorage, new Observer(c.id()), this::pull,
                    timers, eventLoops);
            nodes.put(c.id(), node);
        }
        for (OrderingNode node : nodes.values()) {
            ConsenterPlan c = plan.consenter(node.id());
            try {
                node.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException("consenter " + c.address() + " (" + c.source() + "): " + e.getMessage(), e);
            }
        }
        // Operations and client ports bind only once every consenter port is taken: with ops base port 0 they are
        // ephemeral, and an ephemeral port could otherwise land on the consenter port of a node started later.
        // A node keeps its operations and client ports across restarts, so no ephemeral port is chosen after this.
        for (OrderingNode node : nodes.values()) {
            openOperations(node);
            publishLifecycle(idOf(node), node.spec().host(), NetworkEvent.Lifecycle.STARTED);
        }
        launched = true;
        for (OrderingNode node : nodes.values()) {
            openServices(node);
        }
        for (OrderingNode node : nodes.values()) {
            for (String ch : node.channelOptions().keySet()) {
                resync(ch, idOf(node)); // config updates a node missed while the launch was down
            }
        }
    }

    /** Serves the node's current metrics on its operations port (the same port again after a restart). */
    private void openOperations(OrderingNode node) {
        HealthRegistry health = new HealthRegistry();
        health.register("raft", () -> {
            if (!node.isRunning()) {
                throw new IllegalStateException("node " + node.id() + " is stopped");
            }
        });
        OperationsServer ops = OperationsServer.start(plan.opsListenHost(), opsPorts.get(idOf(node)), node.metrics(), health);
        operations.put(idOf(node), ops);
        opsPorts.put(idOf(node), ops.address().getPort());
        if (launched) {
            openServices(node);
        }
    }

    /**
     * Serves Fabric's AtomicBroadcast of the node on its client port: the consenter port + 100 (7050 → 7150), or
     * any free port when the operations ports are (tests); a taken client port is a warning, not a failed start.
     */
    private void openServices(OrderingNode node) {
        int port = clientPorts.computeIfAbsent(idOf(node), id -> plan.opsBasePort() == 0 ? 0 : node.spec().port() + CLIENT_PORT_OFFSET);
        try {
            OrdererServices s = OrdererServices.start(node,
                    "127.0.0.1", port, identity(idOf(node)).tls(), false, Optional.ofNullable(signers.get(idOf(node))));
            services.put(idOf(node), s);
            clientPorts.put(idOf(node), s.address().getPort());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LocalNetwork.class).warn("{}", e.getMessage());
        }
        openAdmin(node);
    }

    /**
     * Serves the node's channel participation API on its admin port (Admin.ListenAddress + the node's index, kept
     * across restarts) with its own TLS certificate; a taken admin port is a warning, not a failed start.
     */
    private void openAdmin(OrderingNode node) {
        NodeParticipation p = new NodeParticipation(node, plan, NodeParticipation.certificates(identities), Optional.of(this::pull), timers,
                new NodeParticipation.Listener() {
                    @Override
                    public void joined(String channel, io.raftlens.raft.fabric.participation.ConsensusRelation relation) {
                        events.publish(new NetworkEvent.NodeLifecycle(System.currentTimeMillis(), idOf(node),
                                node.spec().host(), NetworkEvent.Lifecycle.JOINED, channel));
                    }

                    @Override
                    public void removed(String channel) {
                        lastLeader.remove(channel + "/" + idOf(node));
                        events.publish(new NetworkEvent.NodeLifecycle(System.currentTimeMillis(), idOf(node),
                                node.spec().host(), NetworkEvent.Lifecycle.LEFT, channel));
                    }
                });
        OrdererServices svc = services.get(idOf(node));
        if (svc != null) {
            p.takingConfigUpdatesThrough(svc);
        }
        participations.put(idOf(node), p);
        p.recover();
        int index = plan.consenters().indexOf(plan.consenter(node.id()));
        int port = adminPorts.computeIfAbsent(idOf(node), id -> plan.participation().adminPort(index));
        try {
            var admin = io.raftlens.raft.fabric.participation.AdminServer.start("127.0.0.1", port, p, plan.participation().tlsFor(identity(idOf(node)).tls()),
                    plan.participation().maxRequestBodySize());
            admins.put(idOf(node), admin);
            adminPorts.put(idOf(node), admin.address().getPort());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LocalNetwork.class).warn("node {}: {}", node.id(), e.getMessage());
        }
    }

    /** Where the node serves the channel participation API, e.g. {@code https://127.0.0.1:9443} (empty when not served). */
    public Optional<String> adminUrl(long id) {
        return admins.find(nodeId(id)).map(io.raftlens.raft.fabric.participation.AdminServer::url);
    }

    /** The node's side of the channel participation API while it runs. */
    public Optional<NodeParticipation> participation(long id) {
        return participations.find(nodeId(id));
    }

    /** The port clients reach the node's orderer.AtomicBroadcast on (0 when it is not served). */
    public int clientPort(long id) {
        OrdererServices s = services.get(nodeId(id));
        return s == null ? 0 : s.address().getPort();
    }

    /** Releases the node's operations port, so scrapes fail as they do for a dead process. */
    private void closeOperations(NodeId id) {
        var admin = admins.remove(id);
        if (admin != null) {
            admin.close();
        }
        NodeParticipation p = participations.remove(id);
        if (p != null) {
            p.close();
        }
        OrdererServices svc = services.remove(id);
        if (svc != null) {
            svc.close();
        }
        OperationsServer ops = operations.remove(id);
        if (ops != null) {
            ops.close();
        }
    }

    /** One consenter of {@code plan} as a node spec; every node maps consenter hosts to 127.0.0.1. */
    public static NodeSpec specFor(NetworkPlan plan, DataDirectory dir, ConsenterPlan c,
                                   Map<Long, NodeIdentities.Identity> ids, Map<String, Block> genesis) {
        return specFor(plan, dir, c, ids, genesis, p -> "127.0.0.1", "127.0.0.1");
    }

    /** As above, with the address each peer is dialed at and the address this node listens on. */
    public static NodeSpec specFor(NetworkPlan plan, DataDirectory dir, ConsenterPlan c,
                                   Map<Long, NodeIdentities.Identity> ids, Map<String, Block> genesis,
                                   java.util.function.Function<ConsenterPlan, String> dialHost, String listenHost) {
        List<PeerEndpoint> peers = new ArrayList<>();
        Map<Long, X509Certificate> members = new LinkedHashMap<>();
        for (ConsenterPlan p : plan.consenters()) {
            members.put(p.id().value(), ids.get(p.id().value()).certificate());
            if (!p.id().equals(c.id())) {
                peers.add(new PeerEndpoint(p.id().value(), p.host(), p.port(), dialHost.apply(p), ids.get(p.id().value()).certificate()));
            }
        }
        Map<String, Map<Long, X509Certificate>> channelMembers = new LinkedHashMap<>();
        plan.channels().keySet().forEach(ch -> channelMembers.put(ch, members));
        Path nodeDir = dir.nodeDir(c);
        return new NodeSpec(c.id().value(), c.host(), listenHost, c.port(), ids.get(c.id().value()).tls(), peers, channelMembers,
                plan.channels(), genesis, nodeDir, dir.consensusDir(c, "Consensus.WALDir", plan.walDir(), LedgerDirectory.WAL),
                dir.consensusDir(c, "Consensus.SnapDir", plan.snapDir(), LedgerDirectory.SNAP), plan.sendBufferSize(),
                plan.rpcTimeout());
    }

    private static void checkPortFree(int port, String who, String fix) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " of " + who + " is already in use; stop what listens there or " + fix);
        }
    }

    public NetworkPlan plan() {
        return plan;
    }

    public Path dataDir() {
        return dir.root();
    }

    public Optional<OrderingNode> node(long id) {
        return nodes.find(nodeId(id));
    }

    public List<OrderingNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public int opsPort(long id) {
        return opsPorts.get(nodeId(id));
    }

    /**
     * The one place a {@code long} node id (the control API's, {@link NetworkControl}'s) becomes a {@link NodeId}; a
     * negative one names no node.
     */
    private NodeId nodeId(long id) {
        if (id < 0) {
            throw NetworkOperationException.notFound("no node " + id + " (nodes are 1.." + nodes.size() + ")");
        }
        return NodeId.of(id);
    }

    /** The launch's id of {@code node} ({@link OrderingNode#id()} is that id as a {@code long}). */
    private static NodeId idOf(OrderingNode node) {
        return NodeId.of(node.id());
    }

    private NodeIdentities.Identity identity(NodeId id) {
        return identities.get(id.value());
    }

    /** The node every running node of {@code channel} agrees leads it (highest term wins), or 0. */
    public long leader(String channel) {
        return leaderNode(channel).value();
    }

    private NodeId leaderNode(String channel) {
        NodeId best = NodeId.NONE;
        long bestTerm = -1;
        for (OrderingNode n : nodes.values()) {
            Optional<Chain> c = n.chain(channel);
            if (c.isPresent()) {
                ChainStatus s = c.get().status();
                if (NodeRole.of(s).isLeader() && s.term() > bestTerm) {
                    best = idOf(n);
                    bestTerm = s.term();
                }
            }
        }
        return best;
    }

    private Optional<Block> pull(String channel, long number) {
        for (OrderingNode n : nodes.values()) {
            Optional<Block> b = n.block(channel, number);
            if (b.isPresent()) {
                return b;
            }
        }
        return Optional.empty();
    }

    private OrderingNode require(NodeId id) {
        OrderingNode n = nodes.get(id);
        if (n == null) {
            throw NetworkOperationException.notFound("no node " + id + " (nodes are 1.." + nodes.size() + ")");
        }
        return n;
    }

    private OrderingNode requireRunning(NodeId id) {
        OrderingNode n = require(id);
        if (!n.isRunning()) {
            throw NetworkOperationException.conflict("node " + id + " (" + n.spec().host() + ") is not running; start it first");
        }
        return n;
    }

    private void requireChannel(String channel) {
        if (!channels().contains(channel)) {
            throw NetworkOperationException.notFound("no channel " + channel + " (channels: " + String.join(", ", channels()) + ")");
        }
    }

    /**
     * The channels of the network now: the plan's, minus those every node left, then those nodes joined at run time
     * through the channel participation API, in the order they appeared.
     */
    public List<String> channels() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String ch : plan.channels().keySet()) {
            if (nodes.isEmpty() || nodes.values().stream().anyMatch(n -> n.channelOptions().containsKey(ch))) {
                all.add(ch);
            }
        }
        nodes.values().forEach(n -> all.addAll(n.channelOptions().keySet()));
        return List.copyOf(all);
    }

    /**
     * The consenter set of {@code channel} as the running nodes know it: that of the node with the highest ledger
     * (the most recent config block), among nodes still consenters; the plan's until a node has started.
     */
    @Override
    public List<Long> consenters(String channel) {
        return consenterNodes(channel).stream().map(NodeId::value).toList();
    }

    private List<NodeId> consenterNodes(String channel) {
        requireChannel(channel);
        List<NodeId> best = nodes.values().stream().map(n -> n.channelOptions().get(channel)).filter(java.util.Objects::nonNull)
                .findFirst().map(io.raftlens.raft.node.ChainOptions::consenterIds).orElse(List.of())
                .stream().map(NodeId::of).toList();
        long bestHeight = -1;
        for (OrderingNode n : nodes.values()) {
            Optional<Chain> c = n.chain(channel);
            if (c.isPresent() && !c.get().status().evicted() && c.get().status().height() > bestHeight) {
                best = n.nodeIds(channel, c.get().status().consenters());
                bestHeight = c.get().status().height();
            }
        }
        return best;
    }

    /**
     * Every node's role, term, leader and height now, in the plan's channel order; a stopped node keeps what it had
     * when it last ran.
     */
    @Override
    public NetworkSnapshot snapshot() {
        List<String> channels = channels();
        Map<String, List<NodeId>> current = new LinkedHashMap<>();
        channels.forEach(ch -> current.put(ch, consenterNodes(ch)));
        List<NodeState> list = new ArrayList<>();
        for (OrderingNode n : nodes.values()) {
            boolean running = n.isRunning();
            NodeId id = idOf(n);
            Map<String, ChannelState> chs = new LinkedHashMap<>(lastKnown.getOrDefault(idOf(n), Map.of()));
            chs.keySet().retainAll(n.channelOptions().keySet()); // channels it left through the participation API
            NodeParticipation p = participations.get(idOf(n));
            java.util.Set<String> followed = running && p != null ? p.followedChannels() : java.util.Set.of();
            for (String ch : channels) {
                n.chain(ch).ifPresent(c -> {
                    ChainStatus s = c.status();
                    chs.put(ch, new ChannelState(NodeRole.of(s), s.term(), n.nodeId(ch, RaftId.of(s.leader())),
                            s.commitIndex(), s.height(), !s.evicted() && current.get(ch).contains(id)));
                });
                if (n.chain(ch).isEmpty() && followed.contains(ch)) {
                    // a follower pulls blocks: no Raft term, leader or commit index of its own
                    chs.put(ch, new ChannelState(NodeRole.MEMBER, 0, NodeId.NONE, 0, p.followerHeight(ch), false));
                }
            }
            if (running) {
                lastKnown.put(idOf(n), Map.copyOf(chs));
            }
            list.add(new NodeState(id, n.spec().host(), n.spec().port(), plan.opsListenHost() + ":" + opsPorts.get(id),
                    running, running && isolated.contains(id), chs,
                    clientPorts.containsKey(idOf(n)) ? "127.0.0.1:" + clientPorts.get(idOf(n)) : null,
                    adminPorts.containsKey(idOf(n)) ? "127.0.0.1:" + adminPorts.get(idOf(n)) : null));
        }
        return new NetworkSnapshot(plan.profile(), channels, current, list);
    }

    /**
     * The lock serializing one node's lifecycle requests: two concurrent starts once both saw the node stopped,
     * both started it, and the loser's cleanup left it stopped with its operations port bound (adversarial.md H2).
     */
    private Object lifecycle(NodeId id) {
        require(id);
        return lifecycleLocks.computeIfAbsent(id, k -> new Object());
    }

    @Override
    public void stopNode(long raw) {
        NodeId id = nodeId(raw);
        synchronized (lifecycle(id)) {
            OrderingNode n = requireRunning(id);
            n.stop();
            closeOperations(id);
            publishLifecycle(id, n.spec().host(), NetworkEvent.Lifecycle.STOPPED);
        }
    }

    @Override
    public void killNode(long raw) {
        NodeId id = nodeId(raw);
        synchronized (lifecycle(id)) {
            OrderingNode n = requireRunning(id);
            n.kill();
            closeOperations(id);
            publishLifecycle(id, n.spec().host(), NetworkEvent.Lifecycle.KILLED);
        }
    }

    @Override
    public void startNode(long raw) {
        NodeId id = nodeId(raw);
        synchronized (lifecycle(id)) {
            startLocked(id);
        }
    }

    private void startLocked(NodeId id) {
        OrderingNode n = require(id);
        if (n.isRunning()) {
            throw NetworkOperationException.conflict("node " + id + " (" + n.spec().host() + ") is already running");
        }
        try {
            n.start();
        } catch (RuntimeException e) {
            throw NetworkOperationException.failed("node " + id + " (" + n.spec().host() + ") failed to start: " + e.getMessage());
        }
        try {
            openOperations(n);
        } catch (RuntimeException e) {
            n.kill(); // a node whose operations port is taken does not start, as in Fabric
            closeOperations(id);
            throw NetworkOperationException.failed("node " + id + " (" + n.spec().host() + ") failed to start: " + e.getMessage());
        }
        publishLifecycle(id, n.spec().host(), NetworkEvent.Lifecycle.STARTED);
        for (String ch : n.channelOptions().keySet()) {
            resync(ch, id); // config updates made while it was stopped
        }
    }

    @Override
    public void isolateNode(long raw) {
        NodeId id = nodeId(raw);
        synchronized (lifecycle(id)) {
            requireConsenterSomewhere(id, "isolating");
            requireRunning(id).isolate();
            publishLifecycle(id, require(id).spec().host(), NetworkEvent.Lifecycle.ISOLATED);
        }
    }

    @Override
    public void healNode(long raw) {
        NodeId id = nodeId(raw);
        synchronized (lifecycle(id)) {
            if (!isolated.contains(id)) {
                requireConsenterSomewhere(id, "healing");
            }
            requireRunning(id).heal();
            isolated.remove(id);
            for (OrderingNode n : nodes.values()) {
                if (n.isRunning() && !idOf(n).equals(id)) {
                    n.heal();
                }
            }
            publishLifecycle(id, require(id).spec().host(), NetworkEvent.Lifecycle.HEALED);
        }
    }

    /** A node removed from every channel takes part in no Raft traffic: isolating or healing it would do nothing (L4). */
    private void requireConsenterSomewhere(NodeId id, String doing) {
        for (String ch : channels()) {
            if (consenterNodes(ch).contains(id)) {
                return;
            }
        }
        throw NetworkOperationException.conflict("node " + id + " (" + require(id).spec().host() + ") is not a consenter of any channel; "
                + doing + " it changes nothing (add it back with POST /v1/channels/CHANNEL/consenters {\"add\":" + id + "})");
    }

    @Override
    public void partition(List<List<Long>> groups) {
        // checked whole before any node applies it: a half-applied partition cut nodes off with a 500 (M4)
        java.util.Set<NodeId> seen = new java.util.HashSet<>();
        for (List<Long> g : groups) {
            for (long raw : g) {
                NodeId id = nodeId(raw);
                require(id);
                if (!seen.add(id)) {
                    throw NetworkOperationException.invalid("node " + id + " appears in two partition groups; nothing was changed");
                }
            }
        }
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.partition(groups);
            }
        }
        events.publish(new NetworkEvent.PartitionChanged(System.currentTimeMillis(),
                groups.stream().map(g -> g.stream().map(NodeId::of).toList()).toList()));
    }

    @Override
    public void healAll() {
        isolated.clear();
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.heal();
            }
        }
        events.publish(new NetworkEvent.PartitionChanged(System.currentTimeMillis(), List.of()));
    }

    @Override
    public void transferLeader(String channel, long raw) {
        NodeId to = nodeId(raw);
        requireChannel(channel);
        requireRunning(to);
        if (!consenterNodes(channel).contains(to)) {
            throw NetworkOperationException.conflict("node " + to + " is not a consenter of channel " + channel + " (consenters: "
                    + consenters(channel) + "); it cannot lead it");
        }
        NodeId leader = leaderNode(channel);
        if (leader.isNone()) {
            throw NetworkOperationException.conflict("channel " + channel + " has no leader right now; try again after the election");
        }
        if (leader.equals(to)) {
            return;
        }
        OrderingNode l = nodes.get(leader);
        l.chain(channel).orElseThrow().transferLeadership(l.raftId(channel, to).value());
    }

    @Override
    public CompletableFuture<BroadcastResult> broadcast(String channel, Long node, byte[] transaction) {
        requireChannel(channel);
        Optional<Envelope> signed = fabricEnvelope(channel, transaction);
        if (signed.isEmpty()) {
            return broadcastRaw(channel, node, transaction);
        }
        if (node != null) {
            requireRunning(nodeId(node));
        }
        NodeId target = node != null ? nodeId(node) : leaderNode(channel);
        if (target.isNone()) {
            return CompletableFuture.completedFuture(BroadcastResult.unavailable("no Raft leader on channel " + channel, 0));
        }
        OrdererServices entry = services.get(target);
        // a node whose client port was taken serves no gRPC: its chain takes the bytes on the raw path
        return entry != null ? entry.broadcast(signed.get()) : broadcastRaw(channel, node, transaction);
    }

    /**
     * The raw path: the bytes become an envelope's payload, checked by the chain's header rules only (no signature).
     * The in-JVM bench uses it so that its figures stay those of ordering ({@code bench --grpc} measures signed
     * envelopes through Fabric's checks).
     */
    CompletableFuture<BroadcastResult> broadcastRaw(String channel, Long node, byte[] transaction) {
        requireChannel(channel);
        if (node != null) {
            return requireRunning(nodeId(node)).broadcast(channel, transaction);
        }
        NodeId leader = leaderNode(channel);
        if (leader.isNone()) {
            return CompletableFuture.completedFuture(BroadcastResult.unavailable("no Raft leader on channel " + channel, 0));
        }
        OrderingNode l = nodes.get(leader);
        return l.broadcast(channel, transaction).thenCompose(r -> {
            // The leader may have just changed: follow the hint (a Raft id) once.
            NodeId hint = l.nodeId(channel, RaftId.of(r.leader()));
            if (!r.isSuccess() && !hint.isNone() && !hint.equals(leader) && nodes.containsKey(hint)) {
                return nodes.get(hint).broadcast(channel, transaction);
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    /**
     * What the control API's broadcast body becomes on the gRPC path: a body that is itself a Fabric envelope for this
     * channel (e.g. a CONFIG_UPDATE signed by admins) as it is; other bytes as the data of an ENDORSER_TRANSACTION
     * signed by the sample's client identity ({@link ConfigUpdateSigners#client}). Empty for a Fabric Payload body
     * and on a network without client identities: those keep the raw path (the body is the envelope's payload).
     */
    private Optional<Envelope> fabricEnvelope(String channel, byte[] body) {
        try {
            Envelope env = Envelope.parseFrom(body);
            org.hyperledger.fabric.protos.common.Payload p = org.hyperledger.fabric.protos.common.Payload.parseFrom(env.getPayload());
            if (p.hasHeader() && org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(p.getHeader().getChannelHeader())
                    .getChannelId().equals(channel)) {
                return Optional.of(env);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // not an envelope
        }
        if (StandardChannelPayloads.isFabricPayload(body)) {
            return Optional.empty(); // a Fabric Payload body keeps the checks the raw path documents (README)
        }
        return clientSigner(channel).map(client -> io.raftlens.raft.fabric.msgprocessor.Envelopes.signedTransaction(channel,
                client, com.google.protobuf.ByteString.copyFrom(body), java.time.Instant.now()));
    }

    private Optional<io.raftlens.raft.fabric.msp.SigningIdentity> clientSigner(String channel) {
        Optional<io.raftlens.raft.fabric.msp.SigningIdentity> known = clients.get(channel);
        if (known != null) {
            return known;
        }
        for (OrderingNode n : nodes.values()) {
            Optional<Block> genesis = n.block(channel, 0);
            if (genesis.isPresent()) {
                Optional<io.raftlens.raft.fabric.msp.SigningIdentity> found;
                try {
                    found = ConfigUpdateSigners.client(plan, ChannelConfig.fromBlock(genesis.get()));
                } catch (io.raftlens.raft.fabric.config.ConfigException e) {
                    found = Optional.empty();
                }
                clients.put(channel, found);
                return found;
            }
        }
        return Optional.empty(); // no running node has the channel's block 0 right now: decided on a later call
    }

    @Override
    public CompletableFuture<ConsenterUpdateResult> updateConsenters(String channel, List<Long> consenters) {
        requireChannel(channel);
        List<NodeId> wanted = consenters.stream().map(this::nodeId).toList();
        java.util.Set<NodeId> seen = new java.util.HashSet<>();
        for (NodeId id : wanted) {
            require(id);
            if (!seen.add(id)) {
                // named by id here: the chain's own check would quote the whole certificate (L6)
                throw NetworkOperationException.invalid("node " + id + " is listed twice; each consenter appears once");
            }
        }
        NodeId leader = leaderNode(channel);
        if (leader.isNone()) {
            throw NetworkOperationException.conflict("channel " + channel + " has no leader right now; try again after the election");
        }
        OrderingNode l = nodes.get(leader);
        Chain chain = l.chain(channel).orElseThrow();
        List<NodeId> before = consenterNodes(channel);
        for (NodeId id : wanted) {
            if (!before.contains(id) && !nodes.get(id).isRunning()) {
                throw NetworkOperationException.conflict("node " + id + " (" + nodes.get(id).spec().host()
                        + ") is not running; start it before adding it to channel " + channel);
            }
        }
        OrdererServices entry = services.get(leader);
        if (entry == null) {
            throw NetworkOperationException.conflict("node " + leader + " (the leader of channel " + channel + ") does not "
                    + "serve orderer.AtomicBroadcast (its client port was taken); a config update enters there");
        }
        return chain.consensusMetadata().thenCompose(current -> {
            Map<NodeId, Consenter> byNode = new LinkedHashMap<>();
            List<Long> currentIds = chain.status().consenters();
            for (int i = 0; i < currentIds.size() && i < current.getConsentersCount(); i++) {
                byNode.put(l.nodeId(channel, RaftId.of(currentIds.get(i))), current.getConsenters(i));
            }
            ConfigMetadata.Builder updated = current.toBuilder().clearConsenters();
            for (NodeId id : wanted) {
                Consenter c = byNode.get(id);
                updated.addConsenters(c != null ? c : GenesisBlocks.consenter(plan.consenter(id.value()), identity(id)));
            }
            // Fabric's way: compute the update against the channel's config, sign it with the orderer admins, broadcast
            ChannelConfig config = lastConfig(l, channel);
            var update = ConsenterConfigUpdate.compute(config, updated.build());
            var envelope = ConsenterConfigUpdate.envelope(channel, update, ConfigUpdateSigners.ordererAdmins(plan, config));
            return entry.configUpdate(envelope);
        }).thenApplyAsync(r -> {
            if (!r.isSuccess()) {
                return r;
            }
            for (NodeId id : wanted) {
                if (!before.contains(id)) {
                    resync(channel, id);
                }
            }
            return new ConsenterUpdateResult(r.status(), r.block(),
                    l.nodeIds(channel, r.consenters()).stream().map(NodeId::value).toList(), r.info(), r.leader());
        });
    }

    /** The channel config of node {@code n}'s last config block. */
    private static ChannelConfig lastConfig(OrderingNode n, String channel) {
        long height = n.chain(channel).map(c -> c.status().height()).orElse(0L);
        Block last = n.block(channel, height - 1).orElseThrow(() -> new IllegalStateException(
                "node " + n.id() + " has no block " + (height - 1) + " of channel " + channel));
        long index = io.raftlens.raft.orderer.Blocks.lastConfigIndex(last);
        try {
            return ChannelConfig.fromBlock(n.block(channel, index).orElseThrow(() -> new IllegalStateException(
                    "node " + n.id() + " has no config block " + index + " of channel " + channel)));
        } catch (io.raftlens.raft.fabric.config.ConfigException e) {
            throw new IllegalStateException("channel " + channel + ": config block " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * A running node whose chain disagrees with the channel's consenter set catches up with the config updates it
     * missed: added back after its chain halted, it joins again; removed while it was down, it halts.
     */
    private void resync(String channel, NodeId id) {
        OrderingNode n = nodes.get(id);
        Optional<Chain> chain = n.chain(channel);
        if (!n.isRunning() || chain.isEmpty()) {
            return;
        }
        boolean consenter = consenterNodes(channel).contains(id);
        if (chain.get().status().evicted() == consenter) {
            n.resync(channel);
            events.publish(new NetworkEvent.NodeLifecycle(System.currentTimeMillis(), id, n.spec().host(),
                    consenter ? NetworkEvent.Lifecycle.JOINED : NetworkEvent.Lifecycle.EVICTED, channel));
        }
    }

    /** Publishes a node's lifecycle change and keeps the isolated set in step with it. */
    private void publishLifecycle(NodeId id, String host, NetworkEvent.Lifecycle state) {
        if (state == NetworkEvent.Lifecycle.ISOLATED) {
            isolated.add(id);
        } else {
            isolated.remove(id);
        }
        events.publish(new NetworkEvent.NodeLifecycle(System.currentTimeMillis(), id, host, state, null));
    }

    @Override
    public NetworkEvents events() {
        return events;
    }

    /**
     * Runs {@code listener} on the chain's own thread right after a node's role, term or leader changed (its
     * status already shows the change): for measurements that the event stream's dispatcher thread would delay.
     * Must not block. Returns the handle to remove it.
     */
    public AutoCloseable onStateChange(Runnable listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    /**
     * Graceful stop of every node: leaders hand over first (while everyone is still up, so it takes one round
     * trip), then all nodes flush and stop in parallel. Each step runs on threads of its own (never the shared
     * ForkJoin pool, which a blocked task elsewhere in the JVM can starve: one worker on two cores) and is bounded:
     * a node that has not stopped within {@link #STOP_BUDGET} (per step) is reported with where it is stuck and left behind,
     * so the caller (an editor's stop command, Ctrl-C) always gets its answer.
     */
    public void stopAll() {
        List<OrderingNode> running = nodes.values().stream().filter(OrderingNode::isRunning).toList();
        if (running.isEmpty()) {
            return;
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService stoppers = Executors.newFixedThreadPool(running.size(), r -> {
            Thread t = new Thread(r, "raftlens-stop-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // every leader hands over at once: each waits at most about two election timeouts for its successor
            runBounded(stoppers, running, "hand leadership over", OrderingNode::abdicateLeadership);
            runBounded(stoppers, running, "stop", node -> {
                node.stopWithoutHandOver();
                closeOperations(idOf(node));
                publishLifecycle(idOf(node), node.spec().host(), NetworkEvent.Lifecycle.STOPPED);
            });
        } finally {
            // not shutdownNow: a node left behind finishes its graceful stop on its own once its disk answers
            stoppers.shutdown();
        }
    }

    /** How long {@link #stopAll} waits for each of its two steps before it reports the nodes still busy and returns. */
    static final java.time.Duration STOP_BUDGET = java.time.Duration.ofSeconds(20);
    private volatile java.time.Duration stopBudget = STOP_BUDGET;

    /** Another bound for each step of {@link #stopAll} (tests). */
    void stopBudget(java.time.Duration budget) {
        this.stopBudget = budget;
    }

    private void runBounded(java.util.concurrent.ExecutorService pool, List<OrderingNode> nodes, String step,
                                   java.util.function.Consumer<OrderingNode> task) {
        Map<OrderingNode, java.util.concurrent.Future<?>> started = new LinkedHashMap<>();
        Map<OrderingNode, Thread> threads = new ConcurrentHashMap<>();
        for (OrderingNode node : nodes) {
            started.put(node, pool.submit(() -> {
                threads.put(node, Thread.currentThread());
                try {
                    task.accept(node);
                } finally {
                    threads.remove(node);
                }
            }));
        }
        long deadline = System.nanoTime() + stopBudget.toNanos();
        for (Map.Entry<OrderingNode, java.util.concurrent.Future<?>> e : started.entrySet()) {
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException timedOut) {
                Thread t = threads.get(e.getKey());
                StringBuilder where = new StringBuilder();
                if (t != null) {
                    for (StackTraceElement f : t.getStackTrace()) {
                        where.append("\n\tat ").append(f);
                    }
                }
                org.slf4j.LoggerFactory.getLogger(LocalNetwork.class).warn("node {} did not {} within {} s; going on without it{}",
                        e.getKey().id(), step, stopBudget.toMillis() / 1000.0, where);
            } catch (java.util.concurrent.ExecutionException failed) {
                org.slf4j.LoggerFactory.getLogger(LocalNetwork.class).warn("node {} failed to {}: {}", e.getKey().id(), step,
                        failed.getCause().toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Crash of the whole process: every node stops at once, nothing flushed beyond what was fsynced. */
    public void killAll() {
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.kill();
                closeOperations(idOf(n));
                publishLifecycle(idOf(n), n.spec().host(), NetworkEvent.Lifecycle.KILLED);
            }
        }
    }

    @Override
    public void close() {
        try {
            stopAll();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        for (NodeId id : operations.keys()) {
            try {
                closeOperations(id);
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        timers.shutdownNow();
        eventLoops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        events.close();
        dir.close(); // after every node stopped: nothing of the network writes into it any more
    }

    /** Chain callbacks → events. */
    private final class Observer implements ChainObserver {
        /** The launch's id of the node: a chain knows itself and its leader by Raft id, which may differ. */
        private final NodeId nodeId;

        Observer(NodeId nodeId) {
            this.nodeId = nodeId;
        }

        private NodeId node(String channel, long raftId) {
            OrderingNode n = nodes.get(nodeId);
            return n == null ? NodeId.of(raftId) : n.nodeId(channel, RaftId.of(raftId));
        }

        @Override
        public void stateChanged(String channel, long node, ChainStatus s) {
            NodeId leader = node(channel, s.leader());
            events.publish(new NetworkEvent.StateChanged(System.currentTimeMillis(), channel, nodeId, NodeRole.of(s),
                    s.term(), leader));
            NodeId before = lastLeader.put(channel + "/" + nodeId, leader);
            if (before != null && !before.equals(leader) || before == null && !leader.isNone()) {
                events.publish(new NetworkEvent.LeaderChanged(System.currentTimeMillis(), channel, nodeId,
                        before == null ? NodeId.NONE : before, leader, s.term()));
            }
            stateListeners.forEach(Runnable::run);
        }

        @Override
        public void electionWon(String channel, long node, long term, long durationMillis, int preVotes, int votes,
                                int rejections) {
            events.publish(new NetworkEvent.ElectionWon(System.currentTimeMillis(), channel, nodeId, term, durationMillis,
                    preVotes, votes, rejections));
        }

        @Override
        public void consentersChanged(String channel, long node, long block, boolean added, long changed,
                                      List<Long> consenters) {
            events.publish(new NetworkEvent.MembershipChanged(System.currentTimeMillis(), channel, nodeId, block, added,
                    node(channel, changed), consenters.stream().map(id -> node(channel, id)).toList()));
        }

        @Override
        public void configBlockWritten(String channel, long node, long number) {
            OrdererServices s = services.get(nodeId);
            if (s != null) {
                s.blockWritten(channel, number, true); // the channel's checks switch to the new config
            }
        }

        @Override
        public void blockCommitted(String channel, long node, long number, int transactions) {
            OrdererServices s = services.get(nodeId);
            if (s != null) {
                s.blockWritten(channel, number, false); // wakes deliver streams
            }
            events.publish(new NetworkEvent.BlockCommitted(System.currentTimeMillis(), channel, nodeId, number,
                    transactions));
        }
    }
}
