package io.raftlens.raft.network;

import io.raftlens.raft.fabric.participation.AdminServer;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.node.BlockSource;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.node.TransportBlockSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * One consenter on its own, as {@code raftlens node} runs it in its own process: its cluster transport dialing the
 * other consenters at their addresses, its operations endpoint, Fabric's {@code orderer.AtomicBroadcast} on the
 * consenter port + 100 and the channel participation API on its admin port — what a node of {@link LocalNetwork}
 * serves. A broadcast sent to a follower is answered with the leader's id (the leader is in another process).
 */
public final class StandaloneNode implements AutoCloseable {

    private final ScheduledExecutorService timers;
    private final DataDirectory dir;
    private final OrderingNode node;
    private final OperationsServer ops;
    private final OrdererServices services;
    private final NodeParticipation participation;
    /** Where the channels this node follows are pulled from (closed with the node). */
    private final AutoCloseable followerSource;
    private final AdminServer admin;

    private StandaloneNode(ScheduledExecutorService timers, DataDirectory dir, OrderingNode node, OperationsServer ops,
                           OrdererServices services, NodeParticipation participation, AdminServer admin,
                           AutoCloseable followerSource) {
        this.followerSource = followerSource;
        this.timers = timers;
        this.dir = dir;
        this.node = node;
        this.ops = ops;
        this.services = services;
        this.participation = participation;
        this.admin = admin;
    }

    /**
     * Starts consenter {@code me} of {@code plan} with its data under {@code root}; on failure nothing is left
     * running.
     *
     * @param dialHost the address each peer is dialed at
     * @throws RuntimeException a one-line reason (port in use, unreadable certificate …)
     */
    public static StandaloneNode start(NetworkPlan plan, ConsenterPlan me, Path root, String listenHost,
                                       Function<ConsenterPlan, String> dialHost) {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "raftlens-timers");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> undo = new ArrayList<>();
        try {
            DataDirectory dir = DataDirectory.prepareForNode(root, plan);
            undo.add(dir::close);
            Map<Long, NodeIdentities.Identity> ids = NodeIdentities.resolve(plan, dir.root().resolve("devca"));
            Map<String, org.hyperledger.fabric.protos.common.Block> genesis = GenesisBlocks.of(plan);
            NodeSpec spec = LocalNetwork.specFor(plan, dir, me, ids, genesis, dialHost, listenHost);
            // the node signs its blocks and the CONFIG envelopes it makes with its orderer identity, as in a launch
            Optional<io.raftlens.raft.fabric.msp.SigningIdentity> signer = genesis.isEmpty() ? Optional.empty()
                    : NodeSigners.forConsenter(me, genesis.values().iterator().next());
            FileChainStorage storage = new FileChainStorage(spec);
            signer.ifPresent(id -> storage.signingBlocksWith(b -> io.raftlens.raft.orderer.BlockSignatures.sign(b, id)));
            // blocks missed behind a snapshot are pulled from the other consenters over the cluster transport
            OrderingNode node = OrderingNode.pullingOverCluster(spec, storage, ChainObserver.NONE, timers,
                    null, TransportBlockSource.DEFAULT_TIMEOUT);
            node.start();
            undo.add(node::stop);
            int index = plan.consenters().indexOf(me);
            int opsPort = plan.opsBasePort() == 0 ? 0 : plan.opsBasePort() + index;
            HealthRegistry health = new HealthRegistry();
            health.register("raft", () -> {
                if (!node.isRunning()) {
                    throw new IllegalStateException("node " + me.id() + " is stopped");
                }
            });
            OperationsServer ops = OperationsServer.start(plan.opsListenHost(), opsPort, node.metrics(), health);
            undo.add(ops);
            int clientPort = plan.opsBasePort() == 0 ? 0 : me.port() + LocalNetwork.CLIENT_PORT_OFFSET;
            OrdererServices services = OrdererServices.start(node, listenHost, clientPort,
                    ids.get(me.id().value()).tls(), false, signer);
            undo.add(services);
            // a channel this node follows without being a consenter is pulled from the other orderers' Deliver with
            // this orderer's identity, as Fabric's follower does (their client ports are known when not ephemeral)
            Optional<BlockSource> followerSource = Optional.empty();
            if (plan.opsBasePort() != 0 && signer.isPresent()) {
                List<DeliverBlockSource.Endpoint> others = new ArrayList<>();
                for (ConsenterPlan c : plan.consenters()) {
                    if (!c.id().equals(me.id())) {
                        others.add(new DeliverBlockSource.Endpoint(c.host(), dialHost.apply(c),
                                c.port() + LocalNetwork.CLIENT_PORT_OFFSET));
                    }
                }
                DeliverBlockSource deliver = new DeliverBlockSource(others, ids.get(me.id().value()).tls().trustedRoots(),
                        signer.get(), TransportBlockSource.DEFAULT_TIMEOUT);
                undo.add(deliver);
                followerSource = Optional.of(deliver);
            }
            NodeParticipation participation = new NodeParticipation(node, plan, NodeParticipation.certificates(ids),
                    followerSource, timers, NodeParticipation.Listener.NONE).takingConfigUpdatesThrough(services);
            undo.add(participation);
            participation.recover();
            AdminServer admin = AdminServer.start(listenHost, plan.participation().adminPort(index), participation,
                    plan.participation().tlsFor(ids.get(me.id().value()).tls()), plan.participation().maxRequestBodySize());
            return new StandaloneNode(timers, dir, node, ops, services, participation, admin,
                    followerSource.map(AutoCloseable.class::cast).orElse(() -> { }));
        } catch (RuntimeException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).close();
                } catch (Exception ignored) {
                    // report the original failure
                }
            }
            timers.shutdownNow();
            throw e;
        }
    }

    public OrderingNode node() {
        return node;
    }

    /** The channel participation of this node (channels it joined, followed ones among them). */
    public NodeParticipation participation() {
        return participation;
    }

    public DataDirectory dataDirectory() {
        return dir;
    }

    public int opsPort() {
        return ops.address().getPort();
    }

    public int clientPort() {
        return services.address().getPort();
    }

    /** Where the channel participation API is served, e.g. {@code https://127.0.0.1:9443}. */
    public String adminUrl() {
        return admin.url();
    }

    /** Graceful stop: the admin and client services first, then the node hands leadership over and flushes. */
    @Override
    public void close() {
        admin.close();
        participation.close();
        try {
            followerSource.close();
        } catch (Exception e) {
            // the gRPC channels it opened are shut down; nothing else to release
        }
        services.close();
        node.stop();
        ops.close();
        timers.shutdownNow();
        dir.close();
    }
}
