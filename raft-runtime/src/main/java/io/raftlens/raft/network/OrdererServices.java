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
import io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission;
import io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.node.ConsenterUpdateResult;
import io.raftlens.raft.orderer.ConfigUpdateException;
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
    private final ConfigUpdateProcessor configUpdates;

    private OrdererServices(OrderingNode node, LongFunction<Optional<OrderingNode>> peers, Server server,
                            AtomicBroadcastService service, ConfigUpdateProcessor configUpdates) {
        this.configUpdates = configUpdates;
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
        return start(node, peers, host, port, tls, requireClientCert, Optional.empty());
    }

    /**
     * As above, with the node's orderer signing identity, which signs the CONFIG envelopes this node makes of config
     * updates (Fabric's ProcessConfigUpdateMsg); none: they carry an empty signature header.
     */
    public static OrdererServices start(OrderingNode node, LongFunction<Optional<OrderingNode>> peers, String host, int port,
                                        TlsMaterial tls, boolean requireClientCert, Optional<SigningIdentity> signer) {
        Holder holder = new Holder();
        ConfigUpdateProcessor configUpdates = new ConfigUpdateProcessor(signer);
        AtomicBroadcastService service = new AtomicBroadcastService(id -> holder.services == null ? Optional.empty()
                : holder.services.channel(id), Clock.systemUTC(), AtomicBroadcastService.DEFAULT_TIME_WINDOW, false,
                configUpdates, node.metrics());
        try {
            SslContext ssl = GrpcSslContexts.configure(io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder
                            .forServer(tls.key(), tls.certChain().toArray(new X509Certificate[0])))
                    .trustManager(tls.trustedRoots().toArray(new X509Certificate[0]))
                    .clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL).build();
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).sslContext(ssl)
                    .maxInboundMessageSize(100 * 1024 * 1024).addService(service).build().start();
            holder.services = new OrdererServices(node, peers, server, service, configUpdates);
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
        blockWritten(channel, number, true);
    }

    /** As above; {@code maybeConfig} false for a block of more than one transaction (never a config block). */
    public void blockWritten(String channel, long number, boolean maybeConfig) {
        ChannelView v = channels.get(channel);
        if (v != null) {
            v.written(number, maybeConfig);
        }
    }

    /**
     * A CONFIG_UPDATE envelope through Fabric's config path, as a gRPC Broadcast would send it (admission, the CONFIG
     * envelope signed by this node, the leader's chain), answered once the config block is written and any consenter
     * change applied (block number and consenter set as Raft ids), or refused with Fabric's status and message.
     */
    public CompletableFuture<ConsenterUpdateResult> configUpdate(Envelope configUpdate) {
        BroadcastAdmission.Admitted admitted;
        try {
            admitted = service.admission().admit(configUpdate);
        } catch (RejectedMessage e) {
            return CompletableFuture.completedFuture(new ConsenterUpdateResult(e.status().name(), -1, java.util.List.of(), e.info(), 0));
        }
        if (!admitted.config()) {
            return CompletableFuture.completedFuture(new ConsenterUpdateResult(Status.BAD_REQUEST.name(), -1, java.util.List.of(),
                    "not a CONFIG_UPDATE envelope", 0));
        }
        ChannelView view = (ChannelView) channel(admitted.header().getChannelId()).orElseThrow();
        return view.configureChain(admitted.envelope(), admitted.configSequence());
    }

    /**
     * A Fabric envelope from the control API through the same path as a gRPC Broadcast (Fabric's admission, then this
     * node's chain, or the leader's when this node follows; a CONFIG_UPDATE through the config path), answered with
     * the block it is in once committed (the control API's wait for the commit, RaftLens's addition; gRPC Broadcast
     * answers on acceptance, {@link ChannelView#order}).
     */
    public CompletableFuture<BroadcastResult> broadcast(Envelope env) {
        BroadcastAdmission.Admitted admitted;
        try {
            admitted = service.admission().admit(env);
        } catch (RejectedMessage e) {
            return CompletableFuture.completedFuture(new BroadcastResult(e.status().name(), -1, e.info(), 0));
        }
        String channel = admitted.header().getChannelId();
        if (admitted.config()) {
            ChannelView view = (ChannelView) channel(channel).orElseThrow();
            return view.configureChain(admitted.envelope(), admitted.configSequence())
                    .thenApply(r -> new BroadcastResult(r.status(), r.block(), r.info(), r.leader()));
        }
        return node.broadcast(channel, admitted.envelope()).thenCompose(r -> {
            long leaderNode = node.nodeId(channel, io.raftlens.raft.ids.RaftId.of(r.leader())).value();
            if (!r.isSuccess() && leaderNode != 0 && leaderNode != node.id()) {
                Optional<OrderingNode> leader = peers.apply(leaderNode);
                if (leader.isPresent()) {
                    return leader.get().broadcast(channel, admitted.envelope());
                }
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    /**
     * A CONFIG_UPDATE envelope submitted through the channel participation API (Fabric's Registrar.UpdateChannel):
     * processed as Broadcast processes one ({@code ProcessConfigUpdateMsg}: the channel's config-update rules and
     * policies, a CONFIG envelope signed by this orderer) and handed to the consenter.
     *
     * @return the consenter's answer; a refusal by the config path completes with its status and reason
     */
    CompletableFuture<OrdererChannel.Ordered> submitConfigUpdate(String channel, Envelope configUpdate) {
        Optional<OrdererChannel> ch = channel(channel);
        if (ch.isEmpty()) {
            return CompletableFuture.completedFuture(new OrdererChannel.Ordered(Status.NOT_FOUND, "channel " + channel
                    + " does not exist"));
        }
        io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission admission = new io.raftlens.raft.fabric.msgprocessor
                .BroadcastAdmission(id -> channel(id).map(OrdererChannel::processor), configUpdates);
        io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission.Admitted admitted;
        try {
            admitted = admission.admit(configUpdate);
        } catch (io.raftlens.raft.fabric.msgprocessor.RejectedMessage e) {
            return CompletableFuture.completedFuture(new OrdererChannel.Ordered(e.status(), e.info()));
        }
        if (!admitted.config()) {
            return CompletableFuture.completedFuture(new OrdererChannel.Ordered(Status.BAD_REQUEST,
                    "the envelope is not a config update"));
        }
        return ch.get().configure(admitted.envelope(), admitted.configSequence());
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

        void written(long number, boolean maybeConfig) {
            Optional<Block> block = maybeConfig ? node.block(channel, number) : Optional.empty();
            block.filter(Blocks::isConfigBlock).ifPresent(b -> {
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

        /**
         * Fabric's {@code Order}: answered once the leader's block cutter took the envelope (etcdraft's Submit returns
         * then), not when its block commits; a follower hands it to the leader and answers once the leader took it.
         */
        @Override
        public CompletableFuture<Ordered> order(Envelope envelope, boolean isConfig) {
            if (node.chain(channel).isEmpty()) {
                return CompletableFuture.completedFuture(new Ordered(Status.SERVICE_UNAVAILABLE, "node " + node.id() + " is stopped"));
            }
            return node.submit(channel, envelope).accepted().thenCompose(r -> forwardIfFollower(envelope, r));
        }

        private CompletableFuture<Ordered> forwardIfFollower(Envelope envelope, BroadcastResult r) {
            long leaderNode = node.nodeId(channel, RaftId.of(r.leader())).value(); // results name Raft ids
            if (!r.isSuccess() && leaderNode != 0 && leaderNode != node.id()) {
                Optional<OrderingNode> leader = peers.apply(leaderNode).filter(n -> n.chain(channel).isPresent());
                if (leader.isPresent()) {
                    return leader.get().submit(channel, envelope).accepted().thenApply(OrdererServices::ordered);
                }
            }
            return CompletableFuture.completedFuture(ordered(r));
        }

        /**
         * Fabric's {@code Configure} (gRPC Broadcast of a CONFIG_UPDATE): answered once the leader checked the CONFIG
         * and handed it to its block cutter, as etcdraft's Submit returns; the block is written later.
         */
        @Override
        public CompletableFuture<Ordered> configure(Envelope config, long configSeq) {
            return configureChain(config, configSeq, true)
                    .thenApply(r -> ordered(new BroadcastResult(r.status(), r.block(), r.info(), r.leader())));
        }

        /** This node's chain, or the leader's when this one follows (as a follower forwards in Fabric). */
        CompletableFuture<ConsenterUpdateResult> configureChain(Envelope config, long configSeq) {
            return configureChain(config, configSeq, false);
        }

        /** As above; {@code onAcceptance}: answered once the leader took it, else once the block is written and applied. */
        private CompletableFuture<ConsenterUpdateResult> configureChain(Envelope config, long configSeq, boolean onAcceptance) {
            Optional<Chain> chain = node.chain(channel);
            if (chain.isEmpty()) {
                return CompletableFuture.completedFuture(new ConsenterUpdateResult(Status.SERVICE_UNAVAILABLE.name(), -1,
                        java.util.List.of(), "node " + node.id() + " is stopped", 0));
            }
            return configure(chain.get(), config, configSeq, onAcceptance).thenCompose(r -> {
                long leaderNode = node.nodeId(channel, io.raftlens.raft.ids.RaftId.of(r.leader())).value();
                if (!r.isSuccess() && leaderNode != 0 && leaderNode != node.id()) {
                    Optional<Chain> leader = peers.apply(leaderNode).flatMap(n -> n.chain(channel));
                    if (leader.isPresent()) {
                        return configure(leader.get(), config, configSeq, onAcceptance);
                    }
                }
                return CompletableFuture.completedFuture(r);
            });
        }

        private CompletableFuture<ConsenterUpdateResult> configure(Chain chain, Envelope config, long configSeq, boolean onAcceptance) {
            CompletableFuture<ConsenterUpdateResult> accepted = new CompletableFuture<>();
            CompletableFuture<ConsenterUpdateResult> applied = chain.configure(config, configSeq, this::revalidate, accepted);
            return onAcceptance ? accepted : applied;
        }

        /** Fabric's ProcessConfigMsg against the chain's last config block (its sequence moved since admission). */
        private Envelope revalidate(Envelope config, Block lastConfigBlock) {
            ChannelConfig current;
            try {
                current = ChannelConfig.fromBlock(lastConfigBlock);
            } catch (ConfigException e) {
                throw new ConfigUpdateException("bad config message: " + e.getMessage());
            }
            try {
                return configUpdates.processConfig(processor, current, config);
            } catch (RejectedMessage e) {
                throw new ConfigUpdateException("bad config message: " + e.info());
            }
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
