package io.raftlens.raft.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.GenesisBlocks;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NodeIdentities;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.node.TransportBlockSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One consenter as its own process, assembled exactly as {@code raftlens node} assembles it (same spec, file
 * storage, transport and TLS), plus the loopback control hooks that {@code raftlens node} does not expose:
 * status, broadcast, partition and heal. Usage: {@code ChaosNodeMain DATA_ROOT ID PORT,PORT,… SNAPSHOT_BYTES}.
 * Prints {@code CHAOS-READY <control port>} once serving. Exits when its standard input ends: the test JVM that
 * started it holds the other end, so a test that fails, times out or is killed leaves no node running.
 */
public final class ChaosNodeMain {

    static final String READY = "CHAOS-READY ";

    private ChaosNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        long booted = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        exitWhenParentGoes();
        Path root = Path.of(args[0]);
        long id = Long.parseLong(args[1]);
        NetworkPlan plan = ChaosPlans.plan(root, ChaosPlans.parse(args[2]), Long.parseLong(args[3]));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "raftlens-timers");
            t.setDaemon(true);
            return t;
        });
        DataDirectory dir = DataDirectory.prepareForNode(root, plan);
        var ids = NodeIdentities.resolve(plan, dir.root().resolve("devca"));
        NodeSpec spec = LocalNetwork.specFor(plan, dir, plan.consenter(id), ids, GenesisBlocks.of(plan));
        // As raftlens node: blocks missed behind a snapshot are pulled from the other consenters over the cluster
        // transport (BlockRequest/BlockResponse frames).
        OrderingNode node = OrderingNode.pullingOverCluster(spec, new FileChainStorage(spec), ChainObserver.NONE,
                timers, null, TransportBlockSource.DEFAULT_TIMEOUT);
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "chaos-shutdown"));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.createContext("/status", ex -> {
            ChainStatus s = node.chain(ChaosPlans.CHANNEL).orElseThrow().status();
            reply(ex, 200, s.role() + " " + s.term() + " " + s.leader() + " " + s.height());
        });
        http.createContext("/broadcast", ex -> {
            byte[] tx = ex.getRequestBody().readAllBytes();
            try {
                BroadcastResult r = node.broadcast(ChaosPlans.CHANNEL, tx).get(ChaosCluster.CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                reply(ex, 200, r.status());
            } catch (Exception e) {
                reply(ex, 200, "TIMEOUT");
            }
        });
        http.createContext("/partition", ex -> {
            List<List<Long>> groups = new ArrayList<>();
            for (String g : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim().split(";")) {
                groups.add(java.util.Arrays.stream(g.split(",")).map(Long::parseLong).toList());
            }
            node.partition(groups);
            reply(ex, 200, "OK");
        });
        http.createContext("/heal", ex -> {
            node.heal();
            reply(ex, 200, "OK");
        });
        http.start();
        // the port, then how long the JVM took to reach main and to serve (ms): where a slow start goes
        System.out.println(READY + http.getAddress().getPort() + " " + booted + " "
                + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The parent's end of stdin closes when the parent exits, however it exits (kill -9 included). */
    private static void exitWhenParentGoes() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; wait for the end
                }
            } catch (IOException ignored) {
                // the pipe broke: the parent is gone too
            }
            System.exit(3);
        }, "chaos-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
