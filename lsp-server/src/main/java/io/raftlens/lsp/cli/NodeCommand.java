package io.raftlens.lsp.cli;

import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.GenesisBlocks;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.network.NodeIdentities;
import io.raftlens.raft.network.NodeParticipation;
import io.raftlens.raft.network.OrdererServices;
import io.raftlens.raft.fabric.participation.AdminServer;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.node.TransportBlockSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftlens node}: one consenter as its own process, dialing its peers at their configured Host:Port —
 * how a network spans machines. Same WAL, transport, TLS and metrics as the nodes of {@code raftlens launch}.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one consenter of the profile's EtcdRaft section as its own process; its peers are dialed at "
                + "their configured Host:Port (a host name that does not resolve is dialed on 127.0.0.1).",
                "Give every node of the network the same --profile, --channel and --tick.",
                "Ctrl-C stops gracefully (leadership is handed over first)."})
public final class NodeCommand implements java.util.concurrent.Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.server");

    @Parameters(index = "0", paramLabel = "CONFIGTX", description = "the configtx.yaml")
    Path configtx;

    @Mixin
    PlanOptions network = new PlanOptions();

    @Option(names = "--id", required = true, paramLabel = "N", description = "this consenter's Raft id: its 1-based position in Consenters")
    long id;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data root (the node uses DIR/<consenter host>/; default as raftlens launch)")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST", description = "address to listen on (default: General.ListenAddress of orderer.yaml, else 127.0.0.1)")
    String listen;

    @Override
    public Integer call() {
        Optional<Planned> planned = PlanReport.plan(network.request(configtx), System.err);
        if (planned.isEmpty()) {
            return 1;
        }
        NetworkPlan plan;
        try {
            plan = network.withConfigBlocks(planned.get());
        } catch (IllegalArgumentException e) {
            System.err.println("raftlens node: " + e.getMessage());
            return 1;
        }
        Optional<ConsenterPlan> self = plan.consenters().stream().filter(c -> c.id() == id).findFirst();
        if (self.isEmpty()) {
            System.err.println("raftlens node: no consenter with id " + id + " in profile " + plan.profile()
                    + " (ids are 1.." + plan.consenters().size() + ", in Consenters order)");
            return 2;
        }
        ConsenterPlan me = self.get();
        Path root = dataDir != null ? dataDir : DataDirectory.defaultFor(configtx, plan.profile());
        String listenHost = listen != null ? listen
                : planned.get().orderer().map(o -> o.general().listenAddress()).orElse("127.0.0.1");
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "raftlens-timers");
            t.setDaemon(true);
            return t;
        });
        OrderingNode node;
        OperationsServer ops;
        OrdererServices services = null;
        NodeParticipation participation = null;
        AdminServer admin = null;
        try {
            DataDirectory dir = DataDirectory.prepareForNode(root, plan);
            Map<Long, NodeIdentities.Identity> ids = NodeIdentities.resolve(plan, dir.root().resolve("devca"));
            NodeSpec spec = LocalNetwork.specFor(plan, dir, me, ids, GenesisBlocks.of(plan), NodeCommand::dialAddress, listenHost);
            // blocks missed behind a snapshot are pulled from the other consenters over the cluster transport
            node = OrderingNode.pullingOverCluster(spec, new FileChainStorage(spec), ChainObserver.NONE, timers, null,
                    TransportBlockSource.DEFAULT_TIMEOUT);
            node.start();
            int opsPort = plan.opsBasePort() == 0 ? 0 : plan.opsBasePort() + (int) (id - 1);
            HealthRegistry health = new HealthRegistry();
            OrderingNode running = node;
            health.register("raft", () -> {
                if (!running.isRunning()) {
                    throw new IllegalStateException("node " + id + " is stopped");
                }
            });
            ops = OperationsServer.start(plan.opsListenHost(), opsPort, node.metrics(), health);
            // Fabric's client services as a launched node serves them: AtomicBroadcast on the consenter port + 100
            // (a follower cannot hand a broadcast to a leader in another process: it answers with the leader's id)
            int clientPort = plan.opsBasePort() == 0 ? 0 : me.port() + LocalNetwork.CLIENT_PORT_OFFSET;
            services = OrdererServices.start(node, other -> Optional.empty(), listenHost, clientPort, ids.get(id).tls(), false);
            participation = new NodeParticipation(node, plan, NodeParticipation.certificates(ids), Optional.empty(), timers,
                    NodeParticipation.Listener.NONE);
            participation.recover();
            int index = plan.consenters().indexOf(me);
            admin = AdminServer.start(listenHost, plan.participation().adminPort(index), participation,
                    plan.participation().tlsFor(ids.get(id).tls()), plan.participation().maxRequestBodySize());
            LOG.info("consenter {} (id {}) serving channels {} on {}:{}; data {}; operations http://{}:{}/metrics;"
                            + " orderer.AtomicBroadcast on {}:{}; channel participation API on {}",
                    me.address(), id, String.join(", ", node.channelOptions().keySet()), listenHost, me.port(),
                    dir.nodeDir(me), plan.opsListenHost(), ops.address().getPort(), listenHost,
                    services.address().getPort(), admin.url());
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            if (participation != null) {
                participation.close();
            }
            if (services != null) {
                services.close();
            }
            timers.shutdownNow();
            System.err.println("raftlens node: consenter " + me.address() + " (" + me.source() + "): " + e.getMessage());
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        OrderingNode n = node;
        OperationsServer o = ops;
        OrdererServices s = services;
        NodeParticipation p = participation;
        AdminServer a = admin;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            a.close();
            p.close();
            s.close();
            n.stop();
            o.close();
            timers.shutdownNow();
            done.countDown();
        }, "raftlens-shutdown"));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** A peer's configured host, or loopback when the name does not resolve (a laptop without /etc/hosts entries). */
    static String dialAddress(ConsenterPlan peer) {
        try {
            InetAddress.getByName(peer.host());
            return peer.host();
        } catch (UnknownHostException e) {
            LOG.warn("consenter host {} does not resolve; dialing it on 127.0.0.1:{}", peer.host(), peer.port());
            return "127.0.0.1";
        }
    }
}
