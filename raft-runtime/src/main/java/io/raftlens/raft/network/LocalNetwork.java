package io.raftlens.raft.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.Chain;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.node.ChainStorage;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.transport.PeerEndpoint;
import org.hyperledger.fabric.protos.common.Block;

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
    private final Map<Long, OrderingNode> nodes = new LinkedHashMap<>();
    private final Map<Long, Integer> opsPorts = new LinkedHashMap<>();
    /** Each running node's operations endpoint; a stopped or killed node has none, like a dead orderer process. */
    private final Map<Long, OperationsServer> operations = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLeader = new ConcurrentHashMap<>();
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
        Map<String, Block> genesis = GenesisBlocks.of(plan);
        for (ConsenterPlan c : plan.consenters()) {
            NodeSpec spec = specFor(plan, dir, c, ids, genesis);
            OrderingNode node = new OrderingNode(spec, storage.apply(spec), new Observer(), this::pull,
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
            openOperations(node);
            events.publish(NetworkEvent.of("node", "node", c.id(), "name", c.host(), "state", "started"));
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
        OperationsServer ops = OperationsServer.start(plan.opsListenHost(), opsPorts.get(node.id()), node.metrics(), health);
        operations.put(node.id(), ops);
        opsPorts.put(node.id(), ops.address().getPort());
    }

    /** Releases the node's operations port, so scrapes fail as they do for a dead process. */
    private void closeOperations(long id) {
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
            members.put(p.id(), ids.get(p.id()).certificate());
            if (p.id() != c.id()) {
                peers.add(new PeerEndpoint(p.id(), p.host(), p.port(), dialHost.apply(p), ids.get(p.id()).certificate()));
            }
        }
        Map<String, Map<Long, X509Certificate>> channelMembers = new LinkedHashMap<>();
        plan.channels().keySet().forEach(ch -> channelMembers.put(ch, members));
        Path nodeDir = dir.nodeDir(c);
        return new NodeSpec(c.id(), c.host(), listenHost, c.port(), ids.get(c.id()).tls(), peers, channelMembers,
                plan.channels(), genesis, nodeDir, dir.consensusDir(c, "Consensus.WALDir", plan.walDir(), LedgerDirectory.WAL),
                dir.consensusDir(c, "Consensus.SnapDir", plan.snapDir(), LedgerDirectory.SNAP), plan.sendBufferSize());
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
        return Optional.ofNullable(nodes.get(id));
    }

    public List<OrderingNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public int opsPort(long id) {
        return opsPorts.get(id);
    }

    /** The node every running node of {@code channel} agrees leads it (highest term wins), or 0. */
    public long leader(String channel) {
        long best = 0;
        long bestTerm = -1;
        for (OrderingNode n : nodes.values()) {
            Optional<Chain> c = n.chain(channel);
            if (c.isPresent()) {
                ChainStatus s = c.get().status();
                if ("leader".equals(s.role()) && s.term() > bestTerm) {
                    best = n.id();
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

    private OrderingNode require(long id) {
        OrderingNode n = nodes.get(id);
        if (n == null) {
            throw new ControlException(404, "no node " + id + " (nodes are 1.." + nodes.size() + ")");
        }
        return n;
    }

    private OrderingNode requireRunning(long id) {
        OrderingNode n = require(id);
        if (!n.isRunning()) {
            throw new ControlException(409, "node " + id + " (" + n.spec().host() + ") is not running; start it first");
        }
        return n;
    }

    private void requireChannel(String channel) {
        if (!plan.channels().containsKey(channel)) {
            throw new ControlException(404, "no channel " + channel + " (channels: " + String.join(", ", plan.channels().keySet()) + ")");
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("channels", List.copyOf(plan.channels().keySet()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (OrderingNode n : nodes.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("name", n.spec().host());
            m.put("address", "127.0.0.1:" + n.spec().port());
            m.put("opsAddress", plan.opsListenHost() + ":" + opsPorts.get(n.id()));
            m.put("running", n.isRunning());
            Map<String, Object> chs = new LinkedHashMap<>();
            for (String ch : plan.channels().keySet()) {
                n.chain(ch).ifPresent(c -> {
                    ChainStatus s = c.status();
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("role", s.role());
                    cm.put("term", s.term());
                    cm.put("leader", s.leader());
                    cm.put("commitIndex", s.commitIndex());
                    cm.put("height", s.height());
                    chs.put(ch, cm);
                });
            }
            m.put("channels", chs);
            list.add(m);
        }
        doc.put("nodes", list);
        return doc;
    }

    @Override
    public void stopNode(long id) {
        OrderingNode n = requireRunning(id);
        n.stop();
        closeOperations(id);
        events.publish(NetworkEvent.of("node", "node", id, "name", n.spec().host(), "state", "stopped"));
    }

    @Override
    public void killNode(long id) {
        OrderingNode n = requireRunning(id);
        n.kill();
        closeOperations(id);
        events.publish(NetworkEvent.of("node", "node", id, "name", n.spec().host(), "state", "killed"));
    }

    @Override
    public void startNode(long id) {
        OrderingNode n = require(id);
        if (n.isRunning()) {
            throw new ControlException(409, "node " + id + " (" + n.spec().host() + ") is already running");
        }
        try {
            n.start();
        } catch (RuntimeException e) {
            throw new ControlException(500, "node " + id + " (" + n.spec().host() + ") failed to start: " + e.getMessage());
        }
        try {
            openOperations(n);
        } catch (RuntimeException e) {
            n.kill(); // a node whose operations port is taken does not start, as in Fabric
            throw new ControlException(500, "node " + id + " (" + n.spec().host() + ") failed to start: " + e.getMessage());
        }
        events.publish(NetworkEvent.of("node", "node", id, "name", n.spec().host(), "state", "started"));
    }

    @Override
    public void isolateNode(long id) {
        requireRunning(id).isolate();
        events.publish(NetworkEvent.of("node", "node", id, "name", require(id).spec().host(), "state", "isolated"));
    }

    @Override
    public void healNode(long id) {
        requireRunning(id).heal();
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning() && n.id() != id) {
                n.heal();
            }
        }
        events.publish(NetworkEvent.of("node", "node", id, "name", require(id).spec().host(), "state", "healed"));
    }

    @Override
    public void partition(List<List<Long>> groups) {
        for (List<Long> g : groups) {
            g.forEach(this::require);
        }
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.partition(groups);
            }
        }
        events.publish(NetworkEvent.of("partition", "groups", groups));
    }

    @Override
    public void healAll() {
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.heal();
            }
        }
        events.publish(NetworkEvent.of("partition", "groups", List.of()));
    }

    @Override
    public void transferLeader(String channel, long to) {
        requireChannel(channel);
        requireRunning(to);
        long leader = leader(channel);
        if (leader == 0) {
            throw new ControlException(409, "channel " + channel + " has no leader right now; try again after the election");
        }
        if (leader == to) {
            return;
        }
        nodes.get(leader).chain(channel).orElseThrow().transferLeadership(to);
    }

    @Override
    public CompletableFuture<BroadcastResult> broadcast(String channel, Long node, byte[] transaction) {
        requireChannel(channel);
        if (node != null) {
            return requireRunning(node).broadcast(channel, transaction);
        }
        long leader = leader(channel);
        if (leader == 0) {
            return CompletableFuture.completedFuture(BroadcastResult.unavailable("no Raft leader on channel " + channel, 0));
        }
        return nodes.get(leader).broadcast(channel, transaction).thenCompose(r -> {
            // The leader may have just changed: follow the hint once.
            if (!r.isSuccess() && r.leader() != 0 && r.leader() != leader && nodes.containsKey(r.leader())) {
                return nodes.get(r.leader()).broadcast(channel, transaction);
            }
            return CompletableFuture.completedFuture(r);
        });
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
     * trip), then all nodes flush and stop in parallel.
     */
    public void stopAll() {
        List<OrderingNode> running = nodes.values().stream().filter(OrderingNode::isRunning).toList();
        running.forEach(OrderingNode::abdicateLeadership);
        running.parallelStream().forEach(n -> {
            n.stopWithoutHandOver();
            closeOperations(n.id());
            events.publish(NetworkEvent.of("node", "node", n.id(), "name", n.spec().host(), "state", "stopped"));
        });
    }

    /** Crash of the whole process: every node stops at once, nothing flushed beyond what was fsynced. */
    public void killAll() {
        for (OrderingNode n : nodes.values()) {
            if (n.isRunning()) {
                n.kill();
                closeOperations(n.id());
                events.publish(NetworkEvent.of("node", "node", n.id(), "name", n.spec().host(), "state", "killed"));
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
        for (Long id : List.copyOf(operations.keySet())) {
            try {
                closeOperations(id);
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        timers.shutdownNow();
        eventLoops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        events.close();
    }

    /** Chain callbacks → events. */
    private final class Observer implements ChainObserver {
        @Override
        public void stateChanged(String channel, long node, ChainStatus s) {
            events.publish(NetworkEvent.of("state", "channel", channel, "node", node, "role", s.role(),
                    "term", s.term(), "leader", s.leader()));
            Long before = lastLeader.put(channel + "/" + node, s.leader());
            if (before != null && before != s.leader() || before == null && s.leader() != 0) {
                events.publish(NetworkEvent.of("leader", "channel", channel, "node", node,
                        "from", before == null ? 0L : before, "to", s.leader(), "term", s.term()));
            }
            stateListeners.forEach(Runnable::run);
        }

        @Override
        public void electionWon(String channel, long node, long term, long durationMillis, int preVotes, int votes,
                                int rejections) {
            events.publish(NetworkEvent.of("election", "channel", channel, "node", node, "term", term,
                    "durationMs", durationMillis, "preVotes", preVotes, "votes", votes, "rejections", rejections));
        }

        @Override
        public void blockCommitted(String channel, long node, long number, int transactions) {
            events.publish(NetworkEvent.of("block", "channel", channel, "node", node, "number", number,
                    "transactions", transactions));
        }
    }
}
