package io.raftlens.raft.chaos;

import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.node.ChainOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The five-consenter plan every chaos variant uses, rebuilt identically in each node process from its ports:
 * 100 ms tick, ElectionTick 10, HeartbeatTick 1, small batches so every few transactions cut a block.
 */
final class ChaosPlans {

    static final String CHANNEL = "mychannel";

    private ChaosPlans() {
    }

    static NetworkPlan plan(Path root, int[] ports, long snapshotIntervalBytes) {
        List<ConsenterPlan> consenters = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            consenters.add(new ConsenterPlan(i + 1, "orderer" + (i + 1) + ".example.com", ports[i], null, null,
                    "configtx.yaml:" + (10 + i)));
        }
        ChainOptions ch = new ChainOptions(CHANNEL, consenters.stream().map(ConsenterPlan::id).toList(),
                Duration.ofMillis(100), 10, 1, 5, snapshotIntervalBytes, 20, 10 * 1024 * 1024, 2 * 1024 * 1024,
                Duration.ofMillis(20));
        return new NetworkPlan(root.resolve("configtx.yaml"), "ChaosProfile", consenters, Map.of(CHANNEL, ch),
                "127.0.0.1", 0, null, null, 1000);
    }

    static int[] freePorts(int count) {
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
                    // released for the nodes
                }
            }
        }
    }

    static String join(int[] ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(Integer::toString).toList());
    }

    static int[] parse(String ports) {
        return Arrays.stream(ports.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
