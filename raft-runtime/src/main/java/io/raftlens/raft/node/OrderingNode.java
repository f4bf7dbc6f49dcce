package io.raftlens.raft.node;

import io.netty.channel.EventLoopGroup;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.wal.RaftDisk;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.ids.RaftId;
import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.metrics.OrdererMetrics;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One consenter (an orderer): one cluster transport shared by all its channels, one {@link Chain} (Raft group) per
 * channel. Start opens every channel's WAL and ledger before binding the port, and undoes everything on failure.
 */
public final class OrderingNode {

    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.cluster");

    private final NodeSpec spec;
    private final ChainStorage storage;
    /** Replaced on every start: like a restarted orderer process, counters begin again from zero. */
    private volatile OrdererMetrics metrics = new OrdererMetrics();
    private final ChainObserver observer;
    private final BlockSource peers;
    private final ScheduledExecutorService timers;
    private final EventLoopGroup eventLoops;

    private volatile Transport transport;
    private volatile Map<String, Chain> chains = Map.of();
    private final Map<String, ChannelIds> ids = new java.util.concurrent.ConcurrentHashMap<>();
    /** Channels joined at run time (the participation API); they survive a stop and start of this node. */
    private final Map<String, JoinedChannel> joined = new ConcurrentHashMap<>();
    /** Channels of the spec removed at run time: not opened again by a later start. */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    /**
     * A channel joined at run time as a consenter: its options, its block 0 and the certificates of the nodes that
     * may be its consenters (by node id), as {@link NodeSpec#channelMembers()} holds for the spec's channels.
     */
    public record JoinedChannel(ChainOptions options, Block genesis, Map<Long, java.security.cert.X509Certificate> members) {
        public JoinedChannel {
            members = Map.copyOf(members);
        }
    }

    /** Broadcasts not answered yet: a crash answers them as the client's broken connection to the orderer would. */
    private final Set<CompletableFuture<BroadcastResult>> unanswered = ConcurrentHashMap.newKeySet();

    /**
     * @param eventLoops Netty event loops shared by the nodes of a launch, or null for the node's own
     */
    public OrderingNode(NodeSpec spec, ChainStorage storage, ChainObserver observer, BlockSource peers,
                        ScheduledExecutorService timers, EventLoopGroup eventLoops) {
        this(spec, storage, observer, transport -> peers, timers, eventLoops);
    }

    private OrderingNode(NodeSpec spec, ChainStorage storage, ChainObserver observer,
                         Function<Supplier<Transport>, BlockSource> peers, ScheduledExecutorService timers,
                         EventLoopGroup eventLoops) {
        this.spec = spec;
        this.storage = storage;
        this.observer = observer;
        this.timers = timers;
        this.eventLoops = eventLoops;
        this.peers = peers.apply(() -> transport);
    }

    /**
     * A consenter that pulls the blocks it misses after a snapshot from the other consenters over its own cluster
     * transport ({@link TransportBlockSource}): for nodes in separate processes.
     */
    public static OrderingNode pullingOverCluster(NodeSpec spec, ChainStorage storage, ChainObserver observer,
                                                  ScheduledExecutorService timers, EventLoopGroup eventLoops,
                                                  Duration pullTimeout) {
        java.util.concurrent.atomic.AtomicReference<OrderingNode> self = new java.util.concurrent.atomic.AtomicReference<>();
        // the channels joined at run time too: asked at each pull
        Function<String, List<Long>> consenters = ch -> {
            ChainOptions o = self.get() == null ? spec.channels().get(ch) : self.get().channelOptions().get(ch);
            return o == null ? List.of() : o.consenterIds();
        };
        OrderingNode node = new OrderingNode(spec, storage, observer,
                transport -> new TransportBlockSource(spec.id(), consenters, transport, pullTimeout), timers, eventLoops);
        self.set(node);
        return node;
    }

    public NodeSpec spec() {
        return spec;
    }

    /**
     * This node's Fabric-named metrics (served by its operations endpoint): those of the current run, a fresh set
     * after each {@link #start}, so read it after starting.
     */
    public OrdererMetrics metrics() {
        return metrics;
    }

    public long id() {
        return spec.id();
    }

    public boolean isRunning() {
        return transport != null;
    }

    /** Opens storage, binds the cluster port and starts every channel; on failure nothing is left running. */
    public synchronized void start() {
        if (transport != null) {
            return;
        }
        Map<String, Chain> opened = new LinkedHashMap<>();
        List<Runnable> undo = new ArrayList<>();
        OrdererMetrics metrics = new OrdererMetrics();
        try {
            for (ChainOptions ch : channelOptions().values()) {
                JoinedChannel j = joined.get(ch.channel());
                ChainLedger ledger = j == null ? storage.openLedger(ch.channel()) : storage.openLedger(ch.channel(), j.genesis());
                undo.add(ledger::close);
                RaftDisk wal = storage.openWal(ch.channel());
                undo.add(wal::close);
                ChannelRaftMetrics m = metrics.etcdraft().forChannel(ch.channel(), ch.consenterIds().size(),
                        ledger.lastBlock().getHeader().getNumber());
                opened.put(ch.channel(), newChain(ch, ledger, wal, m));
            }
            TransportConfig.Builder tc = TransportConfig.builder(spec.id(), spec.tls())
                    .listenHost(spec.listenHost())
                    .listenPort(spec.port())
                    .sendBufferSize(spec.sendBufferSize());
            if (eventLoops != null) {
                tc.sharedEventLoopGroup(eventLoops);
            }
            tc.observer(metrics.cluster());
            tc.blockProvider((channel, number) -> block(channel, number).map(Block::toByteArray));
            Transport t = Transport.start(tc.build(), new io.raftlens.raft.transport.InboundHandler() {
                @Override
                public void onMessage(String channel, long from, Message message) {
                    receive(channel, from, message);
                }

                @Override
                public void onSubmit(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
                    receiveSubmit(channel, from, request);
                }
            });
            undo.add(t::close);
            metrics.cluster().attach(t);
            spec.channelMembers().forEach((ch, m) -> {
                if (!removed.contains(ch)) {
                    t.setChannelMembers(ch, m);
                }
            });
            joined.forEach((ch, j) -> t.setChannelMembers(ch, j.members()));
            for (PeerEndpoint p : spec.peers()) {
                t.addPeer(p);
            }
            this.metrics = metrics;
            chains = opened;
            transport = t;
            for (Chain c : opened.values()) {
                c.start();
            }
        } catch (RuntimeException e) {
            chains = Map.of();
            transport = null;
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException ignored) {
                    // best effort: report the original failure
                }
            }
            throw e;
        }
    }

    /** The chain of one channel, with this node's Raft id in it (per the ledger's last config block). */
    private Chain newChain(ChainOptions ch, ChainLedger ledger, RaftDisk wal, ChannelRaftMetrics m) {
        Map<Long, java.security.cert.X509Certificate> members = members(ch.channel());
        ConsenterSet set = ConsenterSet.fromLedger(ledger);
        ids.put(ch.channel(), ChannelIds.of(set.byId(), members));
        long raftId = spec.id();
        java.security.cert.X509Certificate own = members.get(spec.id());
        if (own != null) {
            for (Map.Entry<Long, org.hyperledger.fabric.protos.orderer.etcdraft.Consenter> c : set.byId().entrySet()) {
                if (ChannelIds.nodeOf(c.getValue(), Map.of(spec.id(), own)) != null) {
                    raftId = c.getKey();
                }
            }
        }
        return new Chain(ch, raftId, wal, ledger, this::send, timers, m, observer, peers, this::consentersChanged,
                this::sendSubmit, spec.rpcTimeout());
    }

    /**
     * Brings {@code channel} in line with config updates this node missed, by pulling the blocks it lacks from the
     * other consenters (Fabric's eviction detection and onboarding do the same over Deliver):
     * <ul>
     *   <li>added back after a removal (its chain halted): the Raft state of its old Raft id is discarded and a new
     *       chain starts with its new Raft id, joining the existing channel (the leader replicates the log, or a
     *       snapshot, to it);</li>
     *   <li>removed while it was down: the chain restarts on the pulled ledger, finds itself evicted and halts
     *       instead of campaigning against consenters that refuse it.</li>
     * </ul>
     */
    public synchronized void resync(String channel) {
        Transport t = requireRunning();
        Chain old = chains.get(channel);
        ChainOptions opts = channelOptions().get(channel);
        if (old == null || opts == null) {
            throw new IllegalArgumentException("node " + spec.id() + " has no channel " + channel);
        }
        boolean wasEvicted = old.status().evicted();
        old.stop(true);
        ChainLedger ledger = storage.openLedger(channel);
        for (long n = ledger.height(); ; n++) {
            Optional<Block> b = peers.block(channel, n);
            if (b.isEmpty()) {
                break;
            }
            ledger.appendPulled(b.get());
        }
        if (wasEvicted) {
            ledger.close();
            storage.discardRaftState(channel); // the Raft state of a Raft id this node no longer has
            ledger = storage.openLedger(channel);
        }
        RaftDisk wal = storage.openWal(channel);
        ChannelRaftMetrics m = metrics.etcdraft().forChannel(channel, opts.consenterIds().size(),
                ledger.lastBlock().getHeader().getNumber());
        Chain chain = newChain(opts, ledger, wal, m);
        Map<String, Chain> next = new LinkedHashMap<>(chains);
        next.put(channel, chain);
        chains = next;
        if (transport == t) {
            chain.start();
        }
    }

    /**
     * The launch's node id of Raft id {@code raftId} on {@code channel} (equal unless added by a config update);
     * {@link NodeId#NONE} for {@link RaftId#NONE}. With {@link #raftId} the one place the two id spaces meet.
     */
    public NodeId nodeId(String channel, RaftId raftId) {
        return raftId.isNone() ? NodeId.NONE : NodeId.of(ids.getOrDefault(channel, ChannelIds.IDENTITY).node(raftId.value()));
    }

    /** The node ids of Raft ids {@code raftIds} (as the chain reports them) on {@code channel}, in their order. */
    public List<NodeId> nodeIds(String channel, List<Long> raftIds) {
        return raftIds.stream().map(r -> nodeId(channel, RaftId.of(r))).toList();
    }

    /** Every channel of this node, the spec's first (minus those removed), then those joined at run time. */
    public Map<String, ChainOptions> channelOptions() {
        Map<String, ChainOptions> all = new LinkedHashMap<>();
        spec.channels().forEach((ch, o) -> {
            if (!removed.contains(ch)) {
                all.put(ch, o);
            }
        });
        joined.forEach((ch, j) -> all.put(ch, j.options()));
        return all;
    }

    /** Who may be a consenter of {@code channel}: node id → TLS certificate. */
    private Map<Long, java.security.cert.X509Certificate> members(String channel) {
        JoinedChannel j = joined.get(channel);
        return j != null ? j.members() : spec.channelMembers().getOrDefault(channel, Map.of());
    }

    /**
     * Joins a channel at run time as one of its consenters (Fabric's {@code createAsMember}): block 0 goes into a new
     * ledger and the chain starts, electing a leader with the other consenters that joined.
     *
     * @throws IllegalStateException when the node is stopped or already has the channel
     */
    public synchronized void joinChannel(JoinedChannel channel) {
        Transport t = requireRunning();
        String name = channel.options().channel();
        if (chains.containsKey(name)) {
            throw new IllegalStateException("node " + spec.id() + " already has channel " + name);
        }
        List<Runnable> undo = new ArrayList<>();
        try {
            ChainLedger ledger = storage.openLedger(name, channel.genesis());
            undo.add(ledger::close);
            RaftDisk wal = storage.openWal(name);
            undo.add(wal::close);
            joined.put(name, channel);
            removed.remove(name);
            ChannelRaftMetrics m = metrics.etcdraft().forChannel(name, channel.options().consenterIds().size(),
                    ledger.lastBlock().getHeader().getNumber());
            Chain chain = newChain(channel.options(), ledger, wal, m);
            t.setChannelMembers(name, channel.members());
            Map<String, Chain> next = new LinkedHashMap<>(chains);
            next.put(name, chain);
            chains = next;
            chain.start();
        } catch (RuntimeException e) {
            joined.remove(name);
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException ignored) {
                    // report the original failure
                }
            }
            try {
                storage.removeChannel(name);
            } catch (RuntimeException ignored) {
                // as Fabric's JoinChannel: the ledger of a failed join is cleaned up best effort
            }
            throw e;
        }
    }

    /**
     * Leaves a channel (Fabric's {@code RemoveChannel}): the chain halts, the node stops taking the channel's cluster
     * traffic, and its ledger, WAL and snapshots are deleted. A stopped node forgets the channel's files the same way.
     *
     * @throws IllegalArgumentException when the node has no such channel
     */
    public synchronized void removeChannel(String channel) {
        if (!channelOptions().containsKey(channel)) {
            throw new IllegalArgumentException("node " + spec.id() + " has no channel " + channel);
        }
        Chain c = chains.get(channel);
        Map<String, Chain> next = new LinkedHashMap<>(chains);
        next.remove(channel);
        chains = next;
        if (c != null) {
            c.stop(true);
        }
        Transport t = transport;
        if (t != null) {
            t.removeChannel(channel);
        }
        joined.remove(channel);
        if (spec.channels().containsKey(channel)) {
            removed.add(channel);
        }
        ids.remove(channel);
        storage.removeChannel(channel);
    }

    /** The Raft id node {@code nodeId} has on {@code channel}. */
    public RaftId raftId(String channel, NodeId nodeId) {
        return RaftId.of(ids.getOrDefault(channel, ChannelIds.IDENTITY).raft(nodeId.value()));
    }

    /** Graceful stop: each channel this node leads hands leadership over first, then everything is flushed. */
    public synchronized void stop() {
        abdicateLeadership();
        stopWithoutHandOver();
    }

    /** Fabric's abdicateLeadership on every channel this node leads; returns once others lead them (or timed out). */
    public void abdicateLeadership() {
        if (transport == null) {
            return;
        }
        for (Chain c : chains.values()) {
            c.abdicateLeadership();
        }
    }

    /** Flushes and stops without handing leadership over (the rest of the network is stopping too). */
    public synchronized void stopWithoutHandOver() {
        Transport t = transport;
        if (t == null) {
            return;
        }
        for (Chain c : chains.values()) {
            c.stop(true);
        }
        t.close();
        transport = null;
    }

    /** Crash: the network goes first so nothing more leaves, then threads stop without flushing. */
    public synchronized void kill() {
        Transport t = transport;
        if (t == null) {
            return;
        }
        transport = null;
        t.close();
        for (Chain c : chains.values()) {
            c.stop(false);
        }
        BroadcastResult lost = BroadcastResult.unavailable("node " + spec.id() + " (" + spec.address()
                + ") crashed before answering; the transaction may or may not have been ordered", 0);
        for (CompletableFuture<BroadcastResult> f : unanswered) {
            f.complete(lost);
        }
    }

    public void isolate() {
        requireRunning().isolate(spec.id());
    }

    public void heal() {
        requireRunning().heal();
    }

    public void partition(Collection<? extends Collection<Long>> groups) {
        requireRunning().partition(groups);
    }

    public Optional<Chain> chain(String channel) {
        return Optional.ofNullable(transport == null ? null : chains.get(channel));
    }

    public CompletableFuture<BroadcastResult> broadcast(String channel, byte[] tx) {
        Chain c = chains.get(channel);
        if (c == null || transport == null) {
            return CompletableFuture.completedFuture(notServing(c, channel));
        }
        return untilAnswered(c.broadcast(tx));
    }

    /** Why a submission to {@code channel} is refused here: this node has no such chain ({@code c} null) or is stopped. */
    private BroadcastResult notServing(Chain c, String channel) {
        return BroadcastResult.unavailable(
                c == null ? "node " + spec.id() + " has no channel " + channel : "node " + spec.id() + " is stopped", 0);
    }

    /** Keeps {@code reply} among the answers a crash completes ({@link #kill}) until it is answered. */
    private CompletableFuture<BroadcastResult> untilAnswered(CompletableFuture<BroadcastResult> reply) {
        if (!reply.isDone()) {
            unanswered.add(reply);
            reply.whenComplete((r, e) -> unanswered.remove(reply));
        }
        return reply;
    }

    /** Orders a Fabric envelope the protocol layer admitted (its checks done), as {@link Chain#broadcast(Envelope)}. */
    public CompletableFuture<BroadcastResult> broadcast(String channel, org.hyperledger.fabric.protos.common.Envelope env) {
        return submit(channel, env).committed();
    }

    /** As above, with both answers ({@link Chain#submit}): accepted by the leader's cutter, and committed. */
    public Submission submit(String channel, org.hyperledger.fabric.protos.common.Envelope env) {
        return submit(channel, env, Chain.UNKNOWN_SEQUENCE);
    }

    /** As above, for an envelope checked against config sequence {@code configSeq} ({@link Chain#submit(Envelope, long)}). */
    public Submission submit(String channel, org.hyperledger.fabric.protos.common.Envelope env, long configSeq) {
        Chain c = chains.get(channel);
        if (c == null || transport == null) {
            return Submission.pending().refuse(notServing(c, channel));
        }
        Submission replies = c.submit(env, configSeq);
        untilAnswered(replies.accepted());
        untilAnswered(replies.committed());
        return replies;
    }

    /**
     * Fabric's Order: as {@link #submit(String, org.hyperledger.fabric.protos.common.Envelope, long)}, answered only
     * once the leader's block cutter took the envelope (a follower: once it is on the stream to the leader); no
     * commit answer is kept ({@link Chain#order}).
     */
    public CompletableFuture<BroadcastResult> order(String channel, org.hyperledger.fabric.protos.common.Envelope env, long configSeq) {
        Chain c = chains.get(channel);
        if (c == null || transport == null) {
            return CompletableFuture.completedFuture(notServing(c, channel));
        }
        return untilAnswered(c.order(env, configSeq).accepted());
    }

    /** A block from this node's ledger, for a peer catching up after a snapshot. */
    public Optional<Block> block(String channel, long number) {
        Chain c = chains.get(channel);
        return c == null || transport == null ? Optional.empty() : c.block(number);
    }

    private Transport requireRunning() {
        Transport t = transport;
        if (t == null) {
            throw new IllegalStateException("node " + spec.id() + " (" + spec.address() + ") is not running");
        }
        return t;
    }

    /**
     * A channel's consenter set changed (or was read back from the ledger at start): only those consenters' frames
     * and block requests are accepted on the channel from now on. Consenters are this launch's nodes, whose Raft ids
     * are their node ids.
     */
    private void consentersChanged(String channel,
                                   Map<Long, org.hyperledger.fabric.protos.orderer.etcdraft.Consenter> consenters,
                                   boolean applied) {
        Map<Long, java.security.cert.X509Certificate> all = members(channel);
        ChannelIds channelIds = ChannelIds.of(consenters, all);
        ids.put(channel, channelIds);
        if (!applied) {
            return; // the new Raft ids are known now; who may talk changes once the conf change is applied
        }
        Transport t = transport;
        if (t == null) {
            return;
        }
        Map<Long, java.security.cert.X509Certificate> members = new LinkedHashMap<>();
        for (long raftId : consenters.keySet()) {
            long node = channelIds.node(raftId);
            if (all.containsKey(node)) {
                members.put(node, all.get(node));
            }
        }
        t.setChannelMembers(channel, members);
        LOG.info("node={} channel {}: consenters are now {}", spec.id(), channel, members.keySet());
    }

    /**
     * What the leader does with a transaction a follower forwarded: by default it is ordered as it is (no config
     * path, no revalidation); the protocol layer installs Fabric's handling ({@link #forwardedTransactions}).
     */
    @FunctionalInterface
    public interface ForwardedSubmitHandler {
        /** On a transport event loop: must not block. {@code from} is the sender's node id. */
        void received(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request);
    }

    private volatile ForwardedSubmitHandler forwardedSubmits = (channel, from, request) -> chain(channel)
            .ifPresent(c -> c.receiveForwarded(request.getPayload(), request.getLastValidationSeq(), 0, null));

    /** Sets how this node handles transactions forwarded to it (the protocol layer: config path, revalidation). */
    public void forwardedTransactions(ForwardedSubmitHandler handler) {
        this.forwardedSubmits = java.util.Objects.requireNonNull(handler);
    }

    private void receiveSubmit(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
        if (chains.get(channel) == null) {
            // Fabric's Dispatcher.OnSubmit
            LOG.warn("An attempt to submit a transaction to a non existing channel ({}) was made by {}", channel, from);
            return;
        }
        forwardedSubmits.received(channel, from, request);
    }

    /** Forwards a transaction to the channel's leader (a Raft id; on the wire consenters are named by node id). */
    private CompletableFuture<Void> sendSubmit(String channel, long leader,
                                               org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
        Transport t = transport;
        if (t == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("node " + spec.id() + " is stopped"));
        }
        return t.sendSubmit(channel, ids.getOrDefault(channel, ChannelIds.IDENTITY).node(leader), request);
    }

    private boolean send(String channel, Message m) {
        Transport t = transport;
        if (t == null) {
            return false;
        }
        ChannelIds channelIds = ids.getOrDefault(channel, ChannelIds.IDENTITY);
        if (channelIds.isIdentity()) {
            return t.send(channel, m.getTo(), m);
        }
        // on the wire, consenters are named by node id (the transport authenticates node ids)
        long to = channelIds.node(m.getTo());
        return t.send(channel, to, m.toBuilder().setFrom(channelIds.node(m.getFrom())).setTo(to).build());
    }

    private void receive(String channel, long from, Message m) {
        Chain c = chains.get(channel);
        ChannelIds channelIds = ids.getOrDefault(channel, ChannelIds.IDENTITY);
        if (c != null) {
            c.receive(channelIds.isIdentity() ? m
                    : m.toBuilder().setFrom(channelIds.raft(m.getFrom())).setTo(channelIds.raft(m.getTo())).build());
        } else {
            LOG.debug("message for unknown channel {} from node {} dropped", channel, from);
        }
    }
}
