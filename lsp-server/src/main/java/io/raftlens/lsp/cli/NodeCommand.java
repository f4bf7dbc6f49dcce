package io.raftlens.lsp.cli;

import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.network.StandaloneNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
        Optional<ConsenterPlan> self = plan.consenters().stream().filter(c -> c.id().value() == id).findFirst();
        if (self.isEmpty()) {
            System.err.println("raftlens node: no consenter with id " + id + " in profile " + plan.profile()
                    + " (ids are 1.." + plan.consenters().size() + ", in Consenters order)");
            return 2;
        }
        ConsenterPlan me = self.get();
        Path root = dataDir != null ? dataDir : DataDirectory.defaultFor(configtx, plan.profile());
        String listenHost = listen != null ? listen
                : planned.get().orderer().map(o -> o.general().listenAddress()).orElse("127.0.0.1");
        StandaloneNode running;
        try {
            running = StandaloneNode.start(plan, me, root, listenHost, NodeCommand::dialAddress);
        } catch (RuntimeException e) {
            System.err.println("raftlens node: consenter " + me.address() + " (" + me.source() + "): " + e.getMessage());
            return 1;
        }
        LOG.info("consenter {} (id {}) serving channels {} on {}:{}; data {}; operations http://{}:{}/metrics;"
                        + " orderer.AtomicBroadcast on {}:{}; channel participation API on {}",
                me.address(), id, String.join(", ", running.node().channelOptions().keySet()), listenHost, me.port(),
                running.dataDirectory().nodeDir(me), plan.opsListenHost(), running.opsPort(), listenHost,
                running.clientPort(), running.adminUrl());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
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
