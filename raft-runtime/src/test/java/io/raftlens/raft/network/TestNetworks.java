package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.node.ChainOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Plans for small test networks on free loopback ports, with the development CA and a short tick. */
public final class TestNetworks {

    private TestNetworks() {
    }

    static NetworkPlan plan(Path dir, int nodes, List<String> channels, Duration tick, int maxMessageCount,
                            Duration batchTimeout, long snapshotInterval) {
        List<ConsenterPlan> consenters = new ArrayList<>();
        int[] ports = freePorts(nodes);
        for (int i = 0; i < nodes; i++) {
            consenters.add(new ConsenterPlan(NodeId.of(i + 1), "orderer" + (i + 1) + ".example.com", ports[i], null, null,
                    "configtx.yaml:" + (10 + i)));
        }
        Map<String, ChainOptions> chs = new LinkedHashMap<>();
        for (String ch : channels) {
            chs.put(ch, new ChainOptions(ch, consenters.stream().map(c -> c.id().value()).toList(), tick, 10, 1, 5,
                    snapshotInterval, maxMessageCount, 10 * 1024 * 1024, 2 * 1024 * 1024, batchTimeout));
        }
        return new NetworkPlan(dir.resolve("configtx.yaml"), "TestProfile", consenters, chs, "127.0.0.1",
                0, null, null, 1000);
    }

    static NetworkPlan plan(Path dir, int nodes, List<String> channels) {
        return plan(dir, nodes, channels, Duration.ofMillis(50), 10, Duration.ofMillis(50), 16 * 1024 * 1024);
    }

    /**
     * A copy of {@code samples/three-orderers} (configtx.yaml, Fabric's cryptogen output) in {@code dir}, its three
     * consenter ports moved to free ones; returns the copy's configtx.yaml.
     */
    static Path threeOrderersSample(Path dir) throws IOException {
        Path sample = dir.resolve("three-orderers");
        copyTree(Path.of("..", "samples", "three-orderers"), sample);
        int[] ports = freePorts(3);
        Path configtx = sample.resolve("configtx.yaml");
        Files.writeString(configtx, Files.readString(configtx).replace("Port: 7050", "Port: " + ports[0])
                .replace("Port: 8050", "Port: " + ports[1]).replace("Port: 9050", "Port: " + ports[2]));
        return configtx;
    }

    /** Whether every port in {@code ports} can be bound on the loopback address right now. */
    static boolean bindable(int... ports) {
        for (int p : ports) {
            if (p <= 0 || p > 65535) {
                return false;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Copies the folder {@code from} with everything in it to {@code to}, replacing files already there. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code count} ports free on the loopback address right now (each probed by binding it, then released). */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // freed
                }
            }
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Broadcasts like a Fabric client: a new leader answers SERVICE_UNAVAILABLE until it has applied the
     * previous term's blocks, so that answer is retried (bounded); any other answer is returned as it is.
     */
    static io.raftlens.raft.node.BroadcastResult broadcastUntilServed(LocalNetwork net, String channel, byte[] tx,
                                                                      Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            io.raftlens.raft.node.BroadcastResult r = net.broadcast(channel, null, tx)
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!"SERVICE_UNAVAILABLE".equals(r.status()) || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(20);
        }
    }
}
