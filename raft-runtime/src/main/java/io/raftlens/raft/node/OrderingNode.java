package io.raftlens.raft.node;

import io.netty.channel.EventLoopGroup;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.wal.RaftDisk;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
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
        Map<String, List<Long>> consenters = new LinkedHashMap<>();
        spec.channels().forEach((ch, opts) -> consenters.put(ch, opts.consenterIds()));
        return new OrderingNode(spec, storage, observer,
                transport -> new TransportBlockSource(spec.id(), consenters, transport, pullTimeout), timers, eventLoops);
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
            for (ChainOptions ch : spec.channels().values()) {
                ChainLedger ledger = storage.openLedger(ch.channel());
                undo.add(ledger::close);
                RaftDisk wal = storage.openWal(ch.channel());
                undo.add(wal::close);
                ChannelRaftMetrics m = metrics.etcdraft().forChannel(ch.channel(), ch.consenterIds().size(),
                        ledger.lastBlock().getHeader().getNumber());
                opened.put(ch.channel(), new Chain(ch, spec.id(), wal, ledger, this::send, timers, m, observer, peers));
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
            Transport t = Transport.start(tc.build(), this::receive);
            undo.add(t::close);
            metrics.cluster().attach(t);
            spec.channelMembers().forEach(t::setChannelMembers);
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
            return CompletableFuture.completedFuture(BroadcastResult.unavailable(
                    c == null ? "node " + spec.id() + " has no channel " + channel : "node " + spec.id() + " is stopped", 0));
        }
        CompletableFuture<BroadcastResult> reply = c.broadcast(tx);
        unanswered.add(reply);
        reply.whenComplete((r, e) -> unanswered.remove(reply));
        return reply;
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

    private boolean send(String channel, Message m) {
        Transport t = transport;
        return t != null && t.send(channel, m.getTo(), m);
    }

    private void receive(String channel, long from, Message m) {
        Chain c = chains.get(channel);
        if (c != null) {
            c.receive(m);
        } else {
            LOG.debug("message for unknown channel {} from node {} dropped", channel, from);
        }
    }
}
