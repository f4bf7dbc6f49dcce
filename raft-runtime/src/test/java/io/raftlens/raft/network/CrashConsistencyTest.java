package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.orderer.LedgerVerifier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous broadcast while nodes — the leader included — crash and restart, then the whole process crashes.
 * After a restart from disk every ledger verifies, all nodes hold the same blocks, and every transaction that was
 * acknowledged SUCCESS is there exactly once.
 */
@Timeout(150)
class CrashConsistencyTest {

    private static final String CH = "mychannel";

    @TempDir
    Path dir;

    @Test
    void acknowledgedTransactionsSurviveCrashesExactlyOnce() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 5, List.of(CH), Duration.ofMillis(100), 20, Duration.ofMillis(20), 8 << 10);
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false));
        AtomicBoolean run = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        try {
            Agreement.await(net, CH, Duration.ofSeconds(20));
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int seq = 0; run.get(); seq++) {
                        String tx = "tx-" + client + "-" + seq + "-" + "x".repeat(100);
                        try {
                            BroadcastResult r = net.broadcast(CH, null, tx.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
                            if (r.isSuccess()) {
                                acknowledged.add(tx);
                            } else {
                                Thread.sleep(20);
                            }
                        } catch (Exception e) {
                            // timed out or the network went down: not acknowledged
                        }
                    }
                }, "client-" + c);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            TestNetworks.await("some acknowledged transactions", Duration.ofSeconds(20), () -> acknowledged.size() > 50);
            long leader = Agreement.await(net, CH, Duration.ofSeconds(10)).id();
            net.killNode(leader);
            Agreement.await(net, CH, Duration.ofSeconds(20));
            int before = acknowledged.size();
            TestNetworks.await("progress after the leader crash", Duration.ofSeconds(20), () -> acknowledged.size() > before + 50);
            net.startNode(leader);
            long follower = net.nodes().stream().map(OrderingNode::id)
                    .filter(id -> id != leader && id != net.leader(CH)).findFirst().orElseThrow();
            net.killNode(follower);
            int before2 = acknowledged.size();
            TestNetworks.await("progress with a follower down", Duration.ofSeconds(20), () -> acknowledged.size() > before2 + 50);
            net.startNode(follower);
            Thread.sleep(500);
            net.killAll(); // the whole process crashes mid-stream
        } finally {
            run.set(false);
            for (Thread t : clients) {
                t.join(15_000);
            }
            net.close();
        }
        assertTrue(acknowledged.size() > 150, "only " + acknowledged.size() + " acknowledged");

        LocalNetwork again = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false));
        Map<Long, Long> heights = new HashMap<>();
        try {
            Agreement.await(again, CH, Duration.ofSeconds(30));
            TestNetworks.await("all nodes at one height", Duration.ofSeconds(30), () -> {
                heights.clear();
                again.nodes().forEach(n -> heights.put(n.id(), n.chain(CH).orElseThrow().status().height()));
                return heights.values().stream().distinct().count() == 1;
            });
            long height = heights.values().iterator().next();
            List<String> reference = null;
            for (OrderingNode n : again.nodes()) {
                List<String> hashes = new ArrayList<>();
                Map<String, Integer> seen = new HashMap<>();
                for (long b = 0; b < height; b++) {
                    Block block = n.block(CH, b).orElseThrow();
                    hashes.add(HexFormat.of().formatHex(Blocks.headerHash(block.getHeader())));
                    if (b == 0) {
                        continue;
                    }
                    for (var d : block.getData().getDataList()) {
                        seen.merge(Envelope.parseFrom(d).getPayload().toStringUtf8(), 1, Integer::sum);
                    }
                }
                for (String tx : acknowledged) {
                    assertEquals(1, seen.getOrDefault(tx, 0), "node " + n.id() + ": acknowledged " + tx);
                }
                assertTrue(seen.values().stream().allMatch(c -> c == 1), "node " + n.id() + " has a duplicate transaction");
                if (reference == null) {
                    reference = hashes;
                } else {
                    assertEquals(reference, hashes, "node " + n.id() + " has other blocks");
                }
            }
        } finally {
            again.close();
        }
        for (ConsenterPlan c : plan.consenters()) {
            Path ledger = new LedgerDirectory(data.resolve(c.host())).ledgerDir(CH);
            LedgerVerifier.Result r = LedgerVerifier.verify(CH, ledger);
            assertTrue(r.valid(), c.host() + ": " + r.toJson());
        }
    }
}
