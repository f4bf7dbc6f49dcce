package io.raftlens.raft.chaos;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.node.ChainOptions;

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
            consenters.add(new ConsenterPlan(NodeId.of(i + 1), "orderer" + (i + 1) + ".example.com", ports[i], null, null,
                    "configtx.yaml:" + (10 + i)));
        }
        ChainOptions ch = new ChainOptions(CHANNEL, consenters.stream().map(c -> c.id().value()).toList(),
                Duration.ofMillis(100), 10, 1, 5, snapshotIntervalBytes, 20, 10 * 1024 * 1024, 2 * 1024 * 1024,
                Duration.ofMillis(20));
        return new NetworkPlan(root.resolve("configtx.yaml"), "ChaosProfile", consenters, Map.of(CHANNEL, ch),
                "127.0.0.1", 0, null, null, 1000);
    }


    static String join(int[] ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(Integer::toString).toList());
    }

    static int[] parse(String ports) {
        return Arrays.stream(ports.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
