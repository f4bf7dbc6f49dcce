package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.ConsenterUpdateResult;
import io.raftlens.raft.node.OrderingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fabric's eviction suspicion (eviction.go) over real sockets: a consenter partitioned while the config update
 * removing it committed never hears of its removal from Raft; after EvictionSuspicion without a leader it asks
 * the others and halts. Before issue 14 it stayed a pre-candidate for ever (its own last config block still listed
 * it) and never reported {@code evicted}.
 */
@Timeout(90)
class EvictionSuspicionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aConsenterThatMissedItsRemovalDetectsItAfterEvictionSuspicion() throws Exception {
        NetworkPlan base = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 10,
                Duration.ofMillis(50), 16 << 20);
        Map<String, ChainOptions> channels = new LinkedHashMap<>();
        base.channels().forEach((k, v) -> channels.put(k, v.withEvictionSuspicion(Duration.ofSeconds(1))));
        NetworkPlan plan = new NetworkPlan(base.configtx(), base.profile(), base.consenters(), channels,
                base.opsListenHost(), base.opsBasePort(), base.walDir(), base.snapDir(), base.sendBufferSize());
        try (LogCapture chainLog = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            long removed = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leader.id())
                    .max(Long::compare).orElseThrow();
            BroadcastResult b = TestNetworks.broadcastUntilServed(net, "mychannel",
                    "before".getBytes(StandardCharsets.UTF_8), WAIT);
            assertTrue(b.isSuccess(), b.toString());
            TestNetworks.await("node " + removed + " has block 1", WAIT, () -> status(net, removed).height() == 2);
            net.isolateNode(removed);
            List<Long> remaining = new java.util.ArrayList<>(List.of(1L, 2L, 3L));
            remaining.remove(removed);
            ConsenterUpdateResult r = net.updateConsenters("mychannel", remaining).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", r.status(), r.info());
            assertEquals(2, status(net, removed).height(), "the removed node did not get the config block");
            net.healNode(removed);

            TestNetworks.await("node " + removed + " detects its eviction", WAIT, () -> status(net, removed).evicted());
            List<String> lines = chainLog.of("mychannel", removed);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Suspecting our own eviction from the channel for ")),
                    String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Detected our own eviction from the channel")),
                    String.join("\n", lines));
            BroadcastResult refused = net.broadcast("mychannel", removed, "x".getBytes(StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);
            assertEquals("SERVICE_UNAVAILABLE", refused.status());
            assertTrue(refused.info().startsWith("chain is stopped"), refused.info());
        }
    }

    private static ChainStatus status(LocalNetwork net, long node) {
        return net.node(node).orElseThrow().chain("mychannel").orElseThrow().status();
    }
}
