package io.raftlens.raft.network;

import io.raftlens.raft.ids.RaftId;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.raftlens.raft.fabric.ab.AtomicBroadcastService;
import io.raftlens.raft.fabric.ab.BlockArrivals;
import io.raftlens.raft.fabric.ab.OrdererChannel;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.Chain;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.transport.TlsMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Fabric's client-facing services of one node: {@code orderer.AtomicBroadcast} over gRPC with TLS (the node's own
 * server certificate; client certificates required when {@code requireClientCert}), on its client address. Each
 * channel's checks read the channel config of the last config block this node wrote. A follower hands a
 * broadcast to the leader (Fabric forwards it over the cluster; in one JVM the leader's chain is called directly).
 */
public final class OrdererServices implements AutoCloseable {
    private final OrderingNode node;
    private final LongFunction<Optional<OrderingNode>> peers;
    private final Map<String, ChannelView> channels = new ConcurrentHashMap<>();
    private final AtomicBroadcastService service;
    private final Server server;

    private OrdererServices(OrderingNode node, LongFunction<Optional<OrderingNode>> peers, Server server,
                            AtomicBroadcastService service) {
        this.node = node;
        this.peers = peers;
        this.server = server;
        this.service = service;
    }

    /**
     * Starts the services of {@code node} on {@code host:port} (0 = any free port).
     *
     * @throws IllegalStateException with the address when the port cannot be bound
     */
    public static OrdererServices start(OrderingNode node, LongFunction<Optional<OrderingNode>> peers, String host, int port,
                                        TlsMaterial tls, boolean requireClientCert) {
        Holder holder = new Holder();
        AtomicBroadcastService service = new AtomicBroadcastService(id -> holder.services == null ? Optional.empty()
                : holder.services.channel(id), Clock.systemUTC(), AtomicBroadcastService.DEFAULT_TIME_WINDOW, false);
        try {
            SslContext ssl = GrpcSslContexts.configure(io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder
                            .forServer(tls.key(), tls.certChain().toArray(new X509Certificate[0])))
                    .trustManager(tls.trustedRoots().toArray(new X509Certificate[0]))
                    .clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL).build();
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).sslContext(ssl)
                    .maxInboundMessageSize(100 * 1024 * 1024).addService(service).build().start();
            holder.services = new OrdererServices(node, peers, server, service);
            return holder.services;
        } catch (IOException e) {
            service.shutdown();
            throw new IllegalStateException("cannot serve orderer.AtomicBroadcast of node " + node.id() + " on " + host + ":" + port
                    + ": " + e.getMessage() + " (choose another client port)", e);
        }
    }

    private static final class Holder {
        volatile OrdererServices services;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Wakes deliver streams of {@code channel} after this node wrote a block (config blocks refresh the checks). */
    public void blockWritten(String channel, long number) {
        ChannelView v = channels.get(channel);
        if (v != null) {
            v.written(number);
        }
    }

    Optional<OrdererChannel> channel(String id) {
        if (node.chain(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(channels.computeIfAbsent(id, ChannelView::new));
    }

    @Override
    public void close() {
        server.shutdownNow();
        service.shutdown();
        try {
            server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One channel as the services see it. */
    private final class ChannelView implements OrdererChannel {
        private final String channel;
        private final BlockArrivals arrivals = new BlockArrivals();
        private volatile ChannelConfig config;
        private final StandardChannel processor;

        ChannelView(String channel) {
            this.channel = channel;
            this.config = loadConfig();
            this.processor = new StandardChannel(() -> config, false, Clock.systemUTC());
        }

        private ChannelConfig loadConfig() {
            long height = height();
            Block last = height == 0 ? null : node.block(channel, height - 1).orElse(null);
            long index = last == null ? 0 : Blocks.lastConfigIndex(last);
            Block configBlock = node.block(channel, index).orElseThrow(
                    () -> new IllegalStateException("node " + node.id() + " has no config block " + index + " of channel " + channel));
            try {
                return ChannelConfig.fromBlock(configBlock);
            } catch (ConfigException e) {
                throw new IllegalStateException("channel " + channel + ": config block " + index + ": " + e.getMessage(), e);
            }
        }

        void written(long number) {
            node.block(channel, number).filter(Blocks::isConfigBlock).ifPresent(b -> {
                try {
                    config = ChannelConfig.fromBlock(b);
                } catch (ConfigException e) {
                    // the chain wrote it, so it validated; keep the previous checks if RaftLens cannot set it up
                }
            });
            arrivals.blockWritten();
        }

        @Override
        public StandardChannel processor() {
            return processor;
        }

        @Override
        public CompletableFuture<Ordered> order(Envelope envelope, boolean isConfig) {
            Optional<Chain> chain = node.chain(channel);
            if (chain.isEmpty()) {
                return CompletableFuture.completedFuture(new Ordered(Status.SERVICE_UNAVAILABLE, "node " + node.id() + " is stopped"));
            }
            return chain.get().broadcast(envelope).thenCompose(r -> forwardIfFollower(envelope, r));
        }

        private CompletableFuture<Ordered> forwardIfFollower(Envelope envelope, BroadcastResult r) {
            long leaderNode = node.nodeId(channel, RaftId.of(r.leader())).value(); // results name Raft ids
            if (!r.isSuccess() && leaderNode != 0 && leaderNode != node.id()) {
                Optional<Chain> leader = peers.apply(leaderNode).flatMap(n -> n.chain(channel));
                if (leader.isPresent()) {
                    return leader.get().broadcast(envelope).thenApply(OrdererServices::ordered);
                }
            }
            return CompletableFuture.completedFuture(ordered(r));
        }

        @Override
        public long height() {
            return node.chain(channel).map(c -> c.status().height()).orElse(0L);
        }

        @Override
        public Optional<Block> block(long number) {
            return node.block(channel, number);
        }

        @Override
        public BlockArrivals arrivals() {
            return arrivals;
        }

        @Override
        public boolean errored() {
            return !node.isRunning();
        }
    }

    static OrdererChannel.Ordered ordered(BroadcastResult r) {
        if (r.isSuccess()) {
            return OrdererChannel.Ordered.success();
        }
        Status s;
        try {
            s = Status.valueOf(r.status());
        } catch (IllegalArgumentException e) {
            s = Status.SERVICE_UNAVAILABLE;
        }
        if (s == Status.UNKNOWN || s == Status.UNRECOGNIZED) {
            s = Status.SERVICE_UNAVAILABLE;
        }
        return new OrdererChannel.Ordered(s, r.info());
    }
}
