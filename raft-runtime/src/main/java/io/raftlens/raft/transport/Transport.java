package io.raftlens.raft.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.transport.pb.BlockRequest;
import io.raftlens.raft.transport.pb.BlockResponse;
import io.raftlens.raft.transport.pb.ClusterFrame;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consenter's cluster transport: Netty TCP with mutual TLS carrying length-prefixed protobuf frames.
 *
 * <p>Links are directional, as Fabric's cluster streams are: to send to a peer, this node dials it and is the only
 * sender on that connection; the peer's messages arrive on the connection the peer dialed. So each pair of
 * consenters has one connection per direction, each dialed by its sender. If a dialer connects again while its
 * old connection lingers at the acceptor, the newest authenticated connection wins and the older one is closed.
 *
 * <p>{@link #send} never blocks: each (peer, channel) has a bounded egress queue of
 * {@code General.Cluster.SendBufferSize} messages; a full queue or a missing link drops the message and counts it
 * (Raft retransmits). Inbound messages are handed to the {@link InboundHandler} on an event loop thread.
 */
public final class Transport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);
    /** Block requests waiting to be served; beyond this a request is answered "busy" and the puller tries elsewhere. */
    private static final int BLOCK_SERVE_QUEUE = 64;

    private final TransportConfig config;
    private final InboundHandler handler;
    private final TlsContexts tls;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ChannelMembership membership = new ChannelMembership();
    private final FaultFilter faults;
    private final Map<Long, PeerLink> peers = new ConcurrentHashMap<>();
    private final Map<Long, Channel> inbound = new ConcurrentHashMap<>();
    private final ChannelGroup acceptedChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LongAdder refused = new LongAdder();
    private final Map<String, Long> refusalLog = new ConcurrentHashMap<>();
    private final AtomicLong blockRequestIds = new AtomicLong();
    private final AtomicInteger outstandingBlockRequests = new AtomicInteger();
    /** Serves block requests off the event loops: the provider reads the ledger, possibly from disk. */
    private final ThreadPoolExecutor blockServer;
    private volatile Channel serverChannel;
    private volatile boolean closed;

    private Transport(TransportConfig config, InboundHandler handler) {
        this.config = config;
        config.initialChannelMembers().forEach(membership::set);
        this.handler = handler;
        this.tls = new TlsContexts(config.tls());
        this.faults = new FaultFilter(config.nodeId());
        this.ownsGroup = config.sharedEventLoopGroup() == null;
        this.group = ownsGroup
                ? new MultiThreadIoEventLoopGroup(config.ioThreads(),
                        new DefaultThreadFactory("raft-transport-" + config.nodeId(), true), NioIoHandler.newFactory())
                : config.sharedEventLoopGroup();
        this.blockServer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(BLOCK_SERVE_QUEUE), new DefaultThreadFactory("raft-blocks-" + config.nodeId(), true));
    }

    /**
     * Listens on {@code listenHost:listenPort} and returns the running transport; peers are added afterwards.
     * Channel members known at start belong in {@link TransportConfig.Builder#channelMembers}, so that peers dialing
     * the moment the port opens are not refused.
     *
     * @throws TransportException if the port cannot be bound (nothing is left running) or TLS material is unusable
     */
    public static Transport start(TransportConfig config, InboundHandler handler) {
        Transport transport = new Transport(config, Objects.requireNonNull(handler, "handler"));
        try {
            transport.bind();
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    private void bind() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        acceptedChannels.add(ch);
                        SslHandler ssl = tls.server.newHandler(ch.alloc());
                        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                        ch.pipeline().addLast(ssl, new FrameCodec.Decoder(config.maxFrameBytes()),
                                new FrameCodec.Encoder(), new AcceptedLinkHandler(Transport.this, config.nodeId()));
                    }
                });
        String where = config.listenHost() + ":" + config.listenPort();
        try {
            serverChannel = bootstrap.bind(config.listenHost(), config.listenPort()).sync().channel();
        } catch (Exception e) {
            String reason = e instanceof BindException ? "address already in use" : PeerLink.describe(e);
            throw new TransportException("node " + config.nodeId() + " cannot listen on " + where + ": " + reason
                    + "; stop the process using the port or change the consenter's Port", e);
        }
        log.info("node={} cluster transport listening on {} (mutual TLS)", config.nodeId(), localAddress());
    }

    public long nodeId() {
        return config.nodeId();
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Starts dialing {@code peer} (replacing an earlier endpoint with the same id). */
    public void addPeer(PeerEndpoint peer) {
        if (peer.id() == config.nodeId()) {
            throw new IllegalArgumentException("node " + peer.id() + " cannot be its own peer");
        }
        ensureOpen();
        PeerLink link = new PeerLink(peer, config.nodeId(), config, tls, group.next());
        PeerLink previous = peers.put(peer.id(), link);
        if (previous != null) {
            previous.close();
        }
        link.start();
    }

    /** Stops dialing the peer and closes its link; its messages are then dropped as {@link DropReason#UNKNOWN_PEER}. */
    public void removePeer(long id) {
        PeerLink link = peers.remove(id);
        if (link != null) {
            link.close();
        }
        Channel in = inbound.remove(id);
        if (in != null) {
            in.close();
        }
    }

    /**
     * Sets the consenters of a channel with their ClientTLSCert: frames of that channel are accepted only from a
     * peer whose TLS client certificate equals (DER bytes) the listed certificate of its node id.
     */
    public void setChannelMembers(String channel, Map<Long, X509Certificate> consenters) {
        membership.set(channel, consenters);
    }

    /** Forgets a channel: its frames are refused from now on and its egress queues (and their metrics) go. */
    public void removeChannel(String channel) {
        membership.remove(channel);
        peers.values().forEach(link -> link.removeQueue(channel));
    }

    /**
     * Queues {@code message} for {@code to} on {@code channel}; never blocks.
     *
     * @return true if queued; false if dropped (unknown peer, no link, full queue or injected fault) — the caller
     *     may report the peer unreachable to Raft
     */
    public boolean send(String channel, long to, Message message) {
        PeerLink link = peers.get(to);
        if (link == null) {
            config.observer().messageDropped(String.valueOf(to), channel, DropReason.UNKNOWN_PEER);
            return false;
        }
        if (faults.blocks(to)) {
            config.observer().messageDropped(link.endpoint.address(), channel, DropReason.FAULT_INJECTED);
            return false;
        }
        return link.send(channel, message);
    }

    /**
     * Forwards a transaction to consenter {@code to} (Fabric's {@code RPC.SendSubmit}): queues Fabric's
     * {@code orderer.SubmitRequest} on the link this node dialed to it; never blocks. The future completes once the
     * request is written to the connection and fails with {@link TransportException} saying why it was not (unknown
     * peer, not connected, full queue, injected fault, the link closed).
     */
    public CompletableFuture<Void> sendSubmit(String channel, long to, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
        PeerLink link = peers.get(to);
        if (link == null) {
            config.observer().messageDropped(String.valueOf(to), channel, DropReason.UNKNOWN_PEER);
            return CompletableFuture.failedFuture(new TransportException("node " + to + " is not a known consenter of node "
                    + config.nodeId()));
        }
        if (faults.blocks(to)) {
            config.observer().messageDropped(link.endpoint.address(), channel, DropReason.FAULT_INJECTED);
            return CompletableFuture.failedFuture(new TransportException("the link to consenter "
                    + link.endpoint.address() + " (id " + to + ") is cut by an injected fault"));
        }
        return link.sendSubmit(channel, request.toByteString());
    }

    /**
     * Asks consenter {@code peer} for block {@code number} of {@code channel} (catch-up after a snapshot). Never
     * blocks: the future completes with the serialized {@code common.Block}, or empty if the peer does not have it,
     * and fails with {@link BlockRequestException} if the peer is unknown or not connected, refuses (this node is
     * not a consenter of the channel there), the link closes, {@code timeout} passes, or this node already has
     * {@link TransportConfig#maxOutstandingBlockRequests} requests in flight.
     */
    public CompletableFuture<Optional<byte[]>> requestBlock(String channel, long peer, long number, Duration timeout) {
        PeerLink link = peers.get(peer);
        String what = "block [" + number + "] of channel " + channel + " from node " + peer;
        if (link == null) {
            return CompletableFuture.failedFuture(new BlockRequestException("cannot request " + what
                    + ": not a known peer of node " + config.nodeId()));
        }
        if (faults.blocks(peer)) {
            return CompletableFuture.failedFuture(new BlockRequestException("cannot request " + what
                    + ": the link is cut by an injected fault"));
        }
        int max = config.maxOutstandingBlockRequests();
        if (outstandingBlockRequests.incrementAndGet() > max) {
            outstandingBlockRequests.decrementAndGet();
            return CompletableFuture.failedFuture(new BlockRequestException("cannot request " + what + ": " + max
                    + " block requests are already in flight"));
        }
        CompletableFuture<Optional<byte[]>> f =
                link.requestBlock(channel, number, blockRequestIds.incrementAndGet(), timeout);
        f.whenComplete((r, e) -> outstandingBlockRequests.decrementAndGet());
        return f;
    }

    /** Whether the outbound link to {@code peer} is authenticated and open. */
    public boolean isConnected(long peer) {
        PeerLink link = peers.get(peer);
        return link != null && link.isActive();
    }

    /** Completes when the outbound link to {@code peer} is open (already complete if it is). */
    public CompletableFuture<Void> whenConnected(long peer) {
        PeerLink link = peers.get(peer);
        if (link == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown peer " + peer));
        }
        return link.connectedFuture();
    }

    /** Blocks up to {@code timeout} for the link to {@code peer}; for startup and tests, not for the Raft loop. */
    public boolean awaitConnected(long peer, Duration timeout) throws InterruptedException {
        try {
            whenConnected(peer).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /** Cuts {@code node} off: all of this node's links if it is this node, else the link to it (both ways). */
    public void isolate(long node) {
        faults.isolate(node);
        log.info("node={} fault injected: isolate node {}", config.nodeId(), node);
    }

    /** Keeps only links within this node's group; a node in no group is isolated. */
    public void partition(Collection<? extends Collection<Long>> groups) {
        faults.partition(groups);
        log.info("node={} fault injected: partition {}", config.nodeId(), groups);
    }

    /** Restores every link cut by {@link #isolate} or {@link #partition}. */
    public void heal() {
        faults.heal();
        log.info("node={} faults healed", config.nodeId());
    }

    public TransportStats stats() {
        List<TransportStats.QueueStat> queues = new ArrayList<>();
        int tlsUp = 0;
        for (PeerLink link : peers.values()) {
            if (link.isTlsUp()) {
                tlsUp++;
            }
            for (EgressQueue q : link.queues()) {
                queues.add(new TransportStats.QueueStat(link.endpoint.address(), q.channel, q.length(), q.capacity(),
                        link.isActive(), q.msgType));
            }
        }
        return new TransportStats(List.copyOf(queues), inbound.size(), tlsUp, refused.sum());
    }

    /** Closes every link and the listener and, unless the event loops are shared, stops them; the port is free. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        peers.values().forEach(link -> closing.add(link.close()));
        peers.clear();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("node={} links did not close within {}", config.nodeId(), CLOSE_TIMEOUT);
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
        }
        acceptedChannels.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
        inbound.clear();
        blockServer.shutdownNow();
        if (ownsGroup) {
            group.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(CLOSE_TIMEOUT.toMillis() * 2);
        }
    }

    // --- called by AcceptedLinkHandler on event loops ---

    TransportConfig config() {
        return config;
    }

    ChannelMembership membership() {
        return membership;
    }

    /**
     * Whether a refusal for this reason should be logged at WARN: a peer retrying with backoff would otherwise log
     * one line per attempt; it is still counted every time.
     */
    boolean firstRefusalInAWhile(String key) {
        long now = System.nanoTime();
        if (refusalLog.size() > 1_000) {
            refusalLog.clear();
        }
        Long last = refusalLog.get(key);
        if (last != null && now - last < REFUSAL_LOG_INTERVAL.toNanos()) {
            return false;
        }
        refusalLog.put(key, now);
        return true;
    }

    void countRefused() {
        refused.increment();
    }

    void inboundAccepted(long peer, Channel channel) {
        Channel previous = inbound.put(peer, channel);
        if (previous != null && previous != channel) {
            log.debug("node={} node {} reconnected; closing its older connection", config.nodeId(), peer);
            previous.close();
        }
    }

    void inboundClosed(long peer, Channel channel) {
        inbound.remove(peer, channel);
    }

    void deliver(String channelName, long from, Message message, Channel via) {
        if (inbound.get(from) != via) {
            return; // a superseded connection: its successor carries the current stream
        }
        if (faults.blocks(from)) {
            config.observer().inboundDropped(from, channelName, DropReason.FAULT_INJECTED);
            return;
        }
        try {
            handler.onMessage(channelName, from, message);
        } catch (RuntimeException e) {
            log.error("node={} inbound handler failed on a message of channel {} from node {}", config.nodeId(),
                    channelName, from, e);
        }
    }

    /** Hands an authorised SubmitRequest to the handler (on the event loop, in the order the peer sent them). */
    void deliverSubmit(String channelName, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request, Channel via) {
        if (inbound.get(from) != via) {
            return; // a superseded connection
        }
        if (faults.blocks(from)) {
            config.observer().inboundDropped(from, channelName, DropReason.FAULT_INJECTED);
            return;
        }
        try {
            handler.onSubmit(channelName, from, request);
        } catch (RuntimeException e) {
            log.error("node={} inbound handler failed on a transaction of channel {} forwarded by node {}",
                    config.nodeId(), channelName, from, e);
        }
    }

    /** Answers an authorised block request on the link it came in on, reading the ledger off the event loop. */
    void serveBlock(String channelName, long from, BlockRequest request, Channel via) {
        if (inbound.get(from) != via || faults.blocks(from)) {
            return; // a superseded connection, or a cut link: the requester times out as it would on a real cut
        }
        BlockResponse.Builder answer = BlockResponse.newBuilder().setRequestId(request.getRequestId())
                .setNumber(request.getNumber());
        try {
            blockServer.execute(() -> {
                try {
                    config.blockProvider().block(channelName, request.getNumber())
                            .ifPresent(b -> answer.setBlock(ByteString.copyFrom(b)));
                } catch (RuntimeException e) {
                    log.warn("node={} cannot read block [{}] of channel {} for node {}: {}", config.nodeId(),
                            request.getNumber(), channelName, from, e.toString());
                    answer.setError("node " + config.nodeId() + " cannot read the block: " + e.getMessage());
                }
                via.writeAndFlush(blockResponse(channelName, answer));
            });
        } catch (RejectedExecutionException busy) {
            via.writeAndFlush(blockResponse(channelName, answer.setError("node " + config.nodeId()
                    + " is busy serving other block requests")));
        }
    }

    private ClusterFrame blockResponse(String channelName, BlockResponse.Builder answer) {
        return ClusterFrame.newBuilder().setChannel(channelName).setFrom(config.nodeId()).setBlockResponse(answer)
                .build();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("transport of node " + config.nodeId() + " is closed");
        }
    }
}
