package io.raftlens.raft.network;

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
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Fabric's client-facing services of one node: {@code orderer.AtomicBroadcast} over gRPC with TLS (the node's own
 * server certificate; client certificates required when {@code requireClientCert}), on its client address. Each
 * channel's checks read the channel config of the last config block this node wrote. A follower's chain forwards a
 * broadcast to the leader over the cluster transport, as Fabric's does; the leader's side of that is here
 * ({@link #receiveForwarded}: the config path for CONFIG envelopes, a second check when the config moved on).
 */
public final class OrdererServices implements AutoCloseable {
    private final OrderingNode node;
    private final Map<String, ChannelView> channels = new ConcurrentHashMap<>();
    private final AtomicBroadcastService service;
    private final Server server;
    private final ConfigUpdateProcessor configUpdates;

    private OrdererServices(OrderingNode node, Server server, AtomicBroadcastService service,
                            ConfigUpdateProcessor configUpdates) {
        this.configUpdates = configUpdates;
        this.node = node;
        this.server = server;
        this.service = service;
    }

    /**
     * Starts the services of {@code node} on {@code host:port} (0 = any free port).
     *
     * @throws IllegalStateException with the address when the port cannot be bound
     */
    public static OrdererServices start(OrderingNode node, String host, int port, TlsMaterial tls,
                                        boolean requireClientCert) {
        return start(node, host, port, tls, requireClientCert, Optional.empty());
    }

    /**
     * As above, with the node's orderer signing identity, which signs the CONFIG envelopes this node makes of config
     * updates (Fabric's ProcessConfigUpdateMsg); none: they carry an empty signature header.
     */
    public static OrdererServices start(OrderingNode node, String host, int port, TlsMaterial tls,
                                        boolean requireClientCert, Optional<SigningIdentity> signer) {
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
            // Broadcast's handling never blocks (checks are CPU, the chain takes envelopes on a queue, Deliver waits on
            // its own threads), so it runs on the event loop that read the request, as a Go handler runs on the
            // stream's goroutine: a hand-off to gRPC's default pool per request was a thread wake-up and a context
            // switch per transaction (about 7 % of the CPU of a signed gRPC bench)
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).sslContext(ssl)
                    .maxInboundMessageSize(100 * 1024 * 1024).directExecutor().addService(service).build().start();
            holder.services = new OrdererServices(node, server, service, configUpdates);
            node.forwardedTransactions(holder.services::receiveForwarded);
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
     * The leader's side of a transaction a follower forwarded over the cluster (Fabric's ReceiveSubmit → Submit): a
     * CONFIG envelope goes through the config path ({@code Configure}, processed again if the config sequence moved),
     * any other is ordered, checked again with ProcessNormalMsg when the config moved on since the follower checked
     * it. Nobody waits for the outcome; a refusal is logged, as Fabric logs it.
     */
    private void receiveForwarded(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
        Optional<OrdererChannel> ch = channel(channel);
        Optional<Chain> chain = node.chain(channel);
        if (ch.isEmpty() || chain.isEmpty()) {
            return;
        }
        ChannelView view = (ChannelView) ch.get();
        Envelope env = request.getPayload();
        if (isConfig(env)) {
            view.configureChain(env, request.getLastValidationSeq(), true).thenAccept(r -> {
                if (!r.isSuccess()) {
                    org.slf4j.LoggerFactory.getLogger("orderer.consensus.etcdraft").warn(
                            "[channel: {}] Dropping a config transaction forwarded by node {}: {}", channel, from, r.info());
                }
            });
            return;
        }
        chain.get().receiveForwarded(env, request.getLastValidationSeq(), view.config.sequence(), e -> {
            try {
                view.processor().processNormal(e);
                return null;
            } catch (RejectedMessage rejected) {
                return rejected.info();
            }
        });
    }

    /** Fabric's isConfig: a CONFIG (or ORDERER_TRANSACTION) envelope. */
    private static boolean isConfig(Envelope env) {
        try {
            org.hyperledger.fabric.protos.common.Payload p = org.hyperledger.fabric.protos.common.Payload.parseFrom(env.getPayload());
            int type = org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getType();
            return type == org.hyperledger.fabric.protos.common.HeaderType.CONFIG_VALUE
                    || type == org.hyperledger.fabric.protos.common.HeaderType.ORDERER_TRANSACTION_VALUE;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    /**
     * A Fabric envelope from the control API through the same path as a gRPC Broadcast (Fabric's admission, then this
     * node's chain, which forwards it to the leader when this node follows; a CONFIG_UPDATE through the config path),
     * answered with the block it is in once committed (the control API's wait for the commit, RaftLens's addition;
     * gRPC Broadcast answers on acceptance, {@link ChannelView#order}).
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
        return node.submit(channel, admitted.envelope(), admitted.configSequence()).committed();
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
            return order(envelope, io.raftlens.raft.node.Chain.UNKNOWN_SEQUENCE);
        }

        /**
         * As above, for an envelope checked against config sequence {@code configSeq}; a follower's chain forwards it
         * to the leader (Fabric's SubmitRequest) and answers once it is on the stream to the leader.
         */
        @Override
        public CompletableFuture<Ordered> order(Envelope envelope, long configSeq) {
            if (node.chain(channel).isEmpty()) {
                return CompletableFuture.completedFuture(new Ordered(Status.SERVICE_UNAVAILABLE, "node " + node.id() + " is stopped"));
            }
            return node.order(channel, envelope, configSeq).thenApply(OrdererServices::ordered);
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

        /** This node's chain (a follower's forwards it to the leader over the cluster, as Fabric's does). */
        CompletableFuture<ConsenterUpdateResult> configureChain(Envelope config, long configSeq) {
            return configureChain(config, configSeq, false);
        }

        /**
         * As above; {@code onAcceptance}: answered once the leader took it (on a follower: once it is on the stream to
         * the leader), else once the block is written (and, on the leader, applied).
         */
        private CompletableFuture<ConsenterUpdateResult> configureChain(Envelope config, long configSeq, boolean onAcceptance) {
            Optional<Chain> chain = node.chain(channel);
            if (chain.isEmpty()) {
                return CompletableFuture.completedFuture(new ConsenterUpdateResult(Status.SERVICE_UNAVAILABLE.name(), -1,
                        java.util.List.of(), "node " + node.id() + " is stopped", 0));
            }
            return configure(chain.get(), config, configSeq, onAcceptance);
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
