package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ChainObserver;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.node.TransportBlockSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consenter that starts after the others have snapshotted and compacted their Raft logs catches up by pulling
 * the blocks over the cluster transport — nodes built as {@code raftlens node} builds them (each with its own
 * transport and {@link TransportBlockSource}), in one JVM, with no in-JVM shortcut to the others' ledgers.
 */
@Timeout(120)
class ClusterBlockPullTest {
    static final String CH = "mychannel";
    static final int BLOCKS = 12;

    @TempDir
    Path dir;

    @Test
    void aNodeBehindASnapshotPullsTheMissingBlocksFromTheOtherConsenters() throws Exception {
        // one transaction per block, and a snapshot after every block: the leader's log keeps only 4 entries
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of(CH), Duration.ofMillis(50), 1, Duration.ofMillis(20), 1);
        DataDirectory data = DataDirectory.prepare(dir.resolve("data"), plan, false);
        Map<Long, NodeIdentities.Identity> ids = NodeIdentities.resolve(plan, data.root().resolve("devca"));
        Map<String, Block> genesis = GenesisBlocks.of(plan);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
        List<OrderingNode> nodes = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            for (ConsenterPlan c : plan.consenters()) {
                NodeSpec spec = LocalNetwork.specFor(plan, data, c, ids, genesis);
                nodes.add(OrderingNode.pullingOverCluster(spec, new FileChainStorage(spec), ChainObserver.NONE, timers,
                        null, Duration.ofSeconds(2)));
            }
            OrderingNode n1 = nodes.get(0);
            OrderingNode n2 = nodes.get(1);
            OrderingNode late = nodes.get(2);
            n1.start();
            n2.start();
            for (int i = 1; i <= BLOCKS; i++) {
                broadcast(List.of(n1, n2), "tx-" + i);
            }
            // a transaction retried after a leader change may have committed twice: compare, don't count
            TestNetworks.await("nodes 1 and 2 at the same height", Duration.ofSeconds(20),
                    () -> status(n1).height() > BLOCKS && status(n1).height() == status(n2).height());
            long height = status(n1).height();
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("taking snapshot")),
                    "the leader must have snapshotted, so node 3 cannot be sent the log");

            late.start();
            TestNetworks.await("node 3 caught up to height " + height, Duration.ofSeconds(30),
                    () -> status(late).height() >= height);
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Catching up with snapshot")),
                    "node 3 must have caught up through a snapshot");
            for (long n = 0; n < height; n++) {
                assertEquals(n1.block(CH, n).orElseThrow(), late.block(CH, n).orElseThrow(), "block " + n);
            }
        } finally {
            nodes.forEach(OrderingNode::stopWithoutHandOver);
            timers.shutdownNow();
        }
    }

    /** Broadcasts to whichever of {@code nodes} leads, again after a leader change, until it is ordered. */
    private static void broadcast(List<OrderingNode> nodes, String tx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        BroadcastResult last = null;
        while (System.nanoTime() < deadline) {
            TestNetworks.await("a leader among nodes 1 and 2", Duration.ofSeconds(20),
                    () -> nodes.stream().anyMatch(n -> "leader".equals(status(n).role())));
            for (OrderingNode n : nodes) {
                if ("leader".equals(status(n).role())) {
                    last = n.broadcast(CH, tx.getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
                    if (last.isSuccess()) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("transaction " + tx + " was not ordered within 30s; last answer " + last);
    }

    private static ChainStatus status(OrderingNode n) {
        return n.chain(CH).orElseThrow().status();
    }
}
