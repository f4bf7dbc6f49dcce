package io.raftlens.raft.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.transport.pb.BlockRequest;
import io.raftlens.raft.transport.pb.BlockResponse;
import io.raftlens.raft.transport.pb.ClusterFrame;
import io.raftlens.raft.transport.pb.Hello;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound link to one consenter: this node dials it and is the only one to send on it. Owns the per-channel
 * egress queues, the connection and its reconnects. All connection state changes happen on one pinned event loop;
 * {@link #send} may be called from any thread and never blocks.
 */
final class PeerLink {
    static final int PROTOCOL_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);
    /**
     * Above a whole Raft window (MaxInflightBlocks × PreferredMaxBytes, 5 × 2 MB in Fabric's defaults): with a mark
     * below one MsgApp, every large append made the link unwritable and the rest of the queue (heartbeats, the next
     * appends) waited for a writability event after the socket drained. Memory stays bounded by the egress queue
     * (SendBufferSize messages), which is what drops on overload.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(8 * 1024 * 1024, 16 * 1024 * 1024);

    final PeerEndpoint endpoint;
    private final long self;
    private final TransportConfig config;
    private final TlsContexts tls;
    private final EventLoop loop;
    private final TransportObserver observer;
    private final Map<String, EgressQueue> queues = new ConcurrentHashMap<>();
    /** Forwarded transactions, one queue per channel (Fabric's Submit streams are separate from consensus ones). */
    private final Map<String, EgressQueue> submitQueues = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger attempt = new AtomicInteger();
    /** Block requests sent on this link, by request id, until answered, timed out or the link closes. */
    private final Map<Long, CompletableFuture<Optional<byte[]>>> pendingBlocks = new ConcurrentHashMap<>();

    private volatile Channel channel;
    private volatile boolean active;
    private volatile boolean tlsUp;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> connected = new CompletableFuture<>();
    private ScheduledFuture<?> reconnect;
    private final Set<String> loggedFailures = new HashSet<>(); // since the last successful connection

    PeerLink(PeerEndpoint endpoint, long self, TransportConfig config, TlsContexts tls, EventLoop loop) {
        this.endpoint = endpoint;
        this.self = self;
        this.config = config;
        this.tls = tls;
        this.loop = loop;
        this.observer = config.observer();
    }

    void start() {
        loop.execute(this::connect);
    }

    boolean send(String channelName, Message message) {
        if (!active) {
            observer.messageDropped(endpoint.address(), channelName, DropReason.NOT_CONNECTED);
            return false;
        }
        EgressQueue queue = queues.computeIfAbsent(channelName, c -> new EgressQueue(c, config.sendBufferSize()));
        if (!queue.offer(message)) {
            observer.messageDropped(endpoint.address(), channelName, DropReason.QUEUE_FULL);
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException closing) {
                // the transport is closing: the queued message goes with the connection
                observer.messageDropped(endpoint.address(), channelName, DropReason.NOT_CONNECTED);
                return false;
            }
        }
        return true;
    }

    /**
     * Queues a serialized SubmitRequest of {@code channelName} for the peer; never blocks. The future completes once
     * the frame is written to the connection (Fabric's SendWithReport) and fails with {@link TransportException}
     * saying why when it is dropped (not connected, the queue of SendBufferSize requests is full, the link closes).
     */
    CompletableFuture<Void> sendSubmit(String channelName, com.google.protobuf.ByteString request) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        if (!active) {
            observer.messageDropped(endpoint.address(), channelName, DropReason.NOT_CONNECTED);
            sent.completeExceptionally(new TransportException("not connected to consenter " + endpoint.address()
                    + " (id " + endpoint.id() + ")"));
            return sent;
        }
        EgressQueue queue = submitQueues.computeIfAbsent(channelName,
                c -> new EgressQueue(c, EgressQueue.TRANSACTION, config.sendBufferSize()));
        queue.offerSubmit(request, sent); // a full queue makes the sender wait, as Fabric's, until its timeout
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException closing) {
                sent.completeExceptionally(new TransportException("the cluster transport is closing"));
            }
        }
        return sent;
    }

    /**
     * Asks the peer for block {@code number} of {@code channelName} on this link; the answer comes back on it.
     * Fails with {@link BlockRequestException} when the link is down or closes, or after {@code timeout}.
     */
    CompletableFuture<Optional<byte[]>> requestBlock(String channelName, long number, long requestId, Duration timeout) {
        CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        String what = "block [" + number + "] of channel " + channelName + " from consenter " + endpoint.address()
                + " (id " + endpoint.id() + ")";
        if (!active) {
            result.completeExceptionally(new BlockRequestException("cannot request " + what + ": not connected"));
            return result;
        }
        pendingBlocks.put(requestId, result);
        result.whenComplete((r, e) -> pendingBlocks.remove(requestId));
        try {
            loop.execute(() -> {
                Channel ch = channel;
                if (!active || ch == null) {
                    result.completeExceptionally(new BlockRequestException("cannot request " + what + ": not connected"));
                    return;
                }
                ch.writeAndFlush(ClusterFrame.newBuilder().setChannel(channelName).setFrom(self)
                        .setBlockRequest(BlockRequest.newBuilder().setRequestId(requestId).setNumber(number)).build())
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                result.completeExceptionally(new BlockRequestException("cannot request " + what + ": "
                                        + describe(f.cause())));
                            }
                        });
                ScheduledFuture<?> expiry = loop.schedule(() -> result.completeExceptionally(new BlockRequestException(
                        "no answer for " + what + " within " + timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
                result.whenComplete((r, e) -> expiry.cancel(false));
            });
        } catch (RejectedExecutionException closing) {
            result.completeExceptionally(new BlockRequestException("cannot request " + what + ": transport closing"));
        }
        return result;
    }

    private void failPendingBlocks(String reason) {
        for (CompletableFuture<Optional<byte[]>> f : pendingBlocks.values()) {
            f.completeExceptionally(new BlockRequestException("block request to consenter " + endpoint.address()
                    + " (id " + endpoint.id() + ") failed: " + reason));
        }
    }

    private void onBlockResponse(String channelName, BlockResponse response) {
        CompletableFuture<Optional<byte[]>> f = pendingBlocks.get(response.getRequestId());
        if (f == null) {
            return; // answered after its timeout
        }
        if (!response.getError().isEmpty()) {
            f.completeExceptionally(new BlockRequestException("consenter " + endpoint.address() + " (id "
                    + endpoint.id() + ") refused the request for block [" + response.getNumber() + "] of channel "
                    + channelName + ": " + response.getError(), true));
        } else {
            f.complete(response.getBlock().isEmpty() ? Optional.empty() : Optional.of(response.getBlock().toByteArray()));
        }
    }

    boolean isActive() {
        return active;
    }

    boolean isTlsUp() {
        return tlsUp;
    }

    CompletableFuture<Void> connectedFuture() {
        return connected;
    }

    void removeQueue(String channelName) {
        queues.remove(channelName);
        EgressQueue submits = submitQueues.remove(channelName);
        if (submits != null) {
            dropAll(submits);
        }
    }

    Iterable<EgressQueue> queues() {
        java.util.List<EgressQueue> all = new java.util.ArrayList<>(queues.values());
        all.addAll(submitQueues.values());
        return all;
    }

    /** Stops dialing and closes the connection; queued messages are dropped. */
    CompletableFuture<Void> close() {
        closed = true;
        failPendingBlocks("the link was closed");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (loop.isShuttingDown()) { // a shared event loop group already stopped by its owner
            done.complete(null);
            return done;
        }
        loop.execute(() -> {
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            Channel ch = channel;
            if (ch == null) {
                dropQueued();
                done.complete(null);
            } else {
                ch.close().addListener(f -> {
                    dropQueued();
                    done.complete(null);
                });
            }
        });
        return done;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.dialTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = tls.client.newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                        ch.pipeline().addLast(ssl, new FrameCodec.Decoder(config.maxFrameBytes()),
                                new FrameCodec.Encoder(), new LinkHandler());
                    }
                });
        ChannelFuture future = bootstrap.connect(endpoint.dialHost(), endpoint.port());
        Channel ch = future.channel();
        channel = ch;
        future.addListener(f -> {
            if (!f.isSuccess()) {
                noteFailure("cannot connect: " + describe(f.cause()));
            }
        });
        ch.closeFuture().addListener(f -> onClosed(ch));
    }

    private void onClosed(Channel ch) {
        if (channel != ch) {
            return;
        }
        boolean wasActive = active;
        active = false;
        tlsUp = false;
        dropQueued();
        failPendingBlocks("the connection closed");
        if (connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        if (wasActive && !closed) {
            log.info("node={} lost connection to consenter {} (id {}); reconnecting", self, endpoint.address(),
                    endpoint.id());
        }
        if (!closed) {
            long delay = config.backoff().delay(attempt.getAndIncrement()).toNanos();
            reconnect = loop.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        if (!active || ch == null) {
            dropQueued();
            return;
        }
        boolean wrote = false;
        boolean progress = true;
        while (progress && ch.isWritable()) {
            progress = false;
            for (EgressQueue queue : queues.values()) {
                EgressQueue.Outgoing out = queue.poll();
                if (out != null) {
                    progress = true;
                    wrote = true;
                    ch.write(ClusterFrame.newBuilder().setChannel(queue.channel).setFrom(self)
                            .setMessage(out.message()).build(), ch.voidPromise());
                    observer.messageSent(endpoint.address(), queue.channel, System.nanoTime() - out.queuedAtNanos());
                }
            }
            for (EgressQueue queue : submitQueues.values()) {
                // a transaction whose sender timed out waiting is not sent: its client was told SERVICE_UNAVAILABLE
                // (Fabric would still send it from its stream buffer)
                EgressQueue.Outgoing out = queue.poll(expired -> observer.messageDropped(endpoint.address(),
                        queue.channel, DropReason.QUEUE_FULL));
                if (out != null) {
                    progress = true;
                    wrote = true;
                    ch.write(ClusterFrame.newBuilder().setChannel(queue.channel).setFrom(self)
                            .setSubmitRequest(out.submit()).build()).addListener(f -> {
                                if (f.isSuccess()) {
                                    out.sent().complete(null);
                                } else {
                                    out.sent().completeExceptionally(new TransportException("cannot send to consenter "
                                            + endpoint.address() + " (id " + endpoint.id() + "): " + describe(f.cause())));
                                }
                            });
                    observer.messageSent(endpoint.address(), queue.channel, System.nanoTime() - out.queuedAtNanos());
                }
            }
        }
        if (wrote) {
            ch.flush();
        }
    }

    private void dropQueued() {
        for (EgressQueue queue : queues.values()) {
            while (queue.poll() != null) {
                observer.messageDropped(endpoint.address(), queue.channel, DropReason.NOT_CONNECTED);
            }
        }
        submitQueues.values().forEach(this::dropAll);
    }

    private void dropAll(EgressQueue queue) {
        for (EgressQueue.Outgoing out = queue.poll(); out != null; out = queue.poll()) {
            observer.messageDropped(endpoint.address(), queue.channel, DropReason.NOT_CONNECTED);
            if (out.sent() != null) {
                out.sent().completeExceptionally(new TransportException("the connection to consenter "
                        + endpoint.address() + " (id " + endpoint.id() + ") closed before the transaction was sent"));
            }
        }
    }

    /** Logs a connection failure at WARN once per distinct reason until the link comes up, else at DEBUG. */
    private void noteFailure(String reason) {
        if (closed) {
            return;
        }
        if (!loggedFailures.add(reason)) {
            log.debug("node={} consenter {} (id {}): {}", self, endpoint.address(), endpoint.id(), reason);
        } else {
            log.warn("node={} consenter {} (id {}): {}; retrying with backoff", self, endpoint.address(),
                    endpoint.id(), reason);
        }
    }

    /** The most telling message in a cause chain: a certificate rejection if there is one, else the root cause. */
    static String describe(Throwable t) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.security.cert.CertificateException && c.getMessage() != null) {
                return c.getMessage();
            }
            root = c;
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private final class LinkHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent done) {
                if (!done.isSuccess()) {
                    noteFailure("TLS handshake failed: " + describe(done.cause()));
                    ctx.close();
                    return;
                }
                if (!serverCertificatePinned(ctx)) {
                    ctx.close();
                    return;
                }
                tlsUp = true;
                ctx.writeAndFlush(ClusterFrame.newBuilder().setFrom(self).setHello(Hello.newBuilder()
                        .setNodeId(self).setProtocolVersion(PROTOCOL_VERSION)).build());
                ctx.executor().schedule(() -> {
                    if (!active && ctx.channel().isActive()) {
                        noteFailure("no answer to the cluster handshake within " + config.handshakeTimeout());
                        ctx.close();
                    }
                }, config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            ctx.fireUserEventTriggered(event);
        }

        private boolean serverCertificatePinned(ChannelHandlerContext ctx) {
            if (endpoint.serverCert() == null) {
                return true;
            }
            try {
                Certificate[] presented = ctx.pipeline().get(SslHandler.class).engine().getSession()
                        .getPeerCertificates();
                if (Arrays.equals(presented[0].getEncoded(), endpoint.serverCert().getEncoded())) {
                    return true;
                }
                noteFailure("the server presented a certificate that is not the consenter's ServerTLSCert");
            } catch (Exception e) {
                noteFailure("cannot read the server certificate: " + describe(e));
            }
            return false;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ClusterFrame frame = (ClusterFrame) msg;
            switch (frame.getBodyCase()) {
                case HELLO_ACK -> {
                    if (frame.getHelloAck().getNodeId() != endpoint.id()) {
                        noteFailure("the listener at this address is node " + frame.getHelloAck().getNodeId()
                                + ", not node " + endpoint.id());
                        ctx.close();
                        return;
                    }
                    active = true;
                    attempt.set(0);
                    loggedFailures.clear();
                    log.info("node={} connected to consenter {} (id {})", self, endpoint.address(), endpoint.id());
                    connected.complete(null);
                    drain();
                }
                case BLOCK_RESPONSE -> onBlockResponse(frame.getChannel(), frame.getBlockResponse());
                case REFUSAL -> {
                    noteFailure("refused this node: " + frame.getRefusal().getReason());
                    ctx.close();
                }
                default -> ctx.close(); // the acceptor only answers the handshake and block requests on this link
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                drain();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            noteFailure(describe(cause));
            ctx.close();
        }
    }
}
