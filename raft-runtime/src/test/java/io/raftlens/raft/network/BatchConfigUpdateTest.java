package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.configtxgen.ConfigUpdates;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.OrderingNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config update that changes the Orderer's BatchSize, sent as a CONFIG_UPDATE envelope body to the control API
 * (a development network: no organizations, so Fabric's implicit policies need no signature): every node's block
 * cutter takes MaxMessageCount 1 from the config block on, also a node restarted afterwards that then leads.
 */
class BatchConfigUpdateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aBatchSizeUpdateReachesTheBlockCutterAndSurvivesARestart() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 10,
                Duration.ofMillis(300), 16 << 20);
        try (LogCapture logs = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            assertTrue(send(net, "served").isSuccess());
            Block genesis = net.node(leader.id()).orElseThrow().block("mychannel", 0).orElseThrow();
            ChannelConfig config = ChannelConfig.fromBlock(genesis);
            ConfigGroup orderer = config.channelGroup().getGroupsOrThrow("Orderer");
            var bs = orderer.getValuesOrThrow("BatchSize");
            BatchSize one = BatchSize.parseFrom(bs.getValue()).toBuilder().setMaxMessageCount(1).build();
            ConfigGroup updated = config.channelGroup().toBuilder().putGroups("Orderer", orderer.toBuilder()
                    .putValues("BatchSize", bs.toBuilder().setValue(one.toByteString()).build()).build()).build();
            var update = ConfigUpdates.compute(config.channelGroup(), updated).toBuilder().setChannelId("mychannel").build();
            BroadcastResult r = net.broadcast("mychannel", null,
                    ConsenterConfigUpdate.envelope("mychannel", update, List.of()).toByteArray()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", r.status(), r.info());
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("Config block [" + r.block() + "] sets BatchSize (MaxMessageCount 1")),
                    String.join("\n", logs.lines()));
            assertEquals(3, distinctBlocks(net, 3), "MaxMessageCount 1: one block per transaction");

            long other = net.nodes().stream().map(OrderingNode::id).filter(id -> id != net.leader("mychannel")).findFirst().orElseThrow();
            net.stopNode(other);
            net.startNode(other);
            TestNetworks.await("node " + other + " caught up", WAIT, () -> net.node(other).orElseThrow().chain("mychannel")
                    .orElseThrow().status().height() == net.node(net.leader("mychannel")).orElseThrow().chain("mychannel")
                    .orElseThrow().status().height());
            // a transfer is dropped if the target lags or an election intervenes: ask again until it leads
            TestNetworks.await("node " + other + " leads", WAIT, () -> {
                if (net.leader("mychannel") == other) {
                    return true;
                }
                try {
                    net.transferLeader("mychannel", other);
                    Thread.sleep(300);
                } catch (RuntimeException | InterruptedException e) {
                    // no leader right now; next round
                }
                return net.leader("mychannel") == other;
            });
            assertEquals(3, distinctBlocks(net, 3), "the restarted leader reads MaxMessageCount 1 from the last config block");
        }
    }

    /** Blocks that {@code txs} transactions sent at once land in (after one that waits until the leader serves). */
    private static int distinctBlocks(LocalNetwork net, int txs) throws Exception {
        assertTrue(send(net, "first").isSuccess());
        List<CompletableFuture<BroadcastResult>> sent = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            sent.add(net.broadcast("mychannel", null, ("tx " + i).getBytes(StandardCharsets.UTF_8)));
        }
        Set<Long> blocks = new HashSet<>();
        for (var f : sent) {
            BroadcastResult r = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(r.isSuccess(), r.toString());
            blocks.add(r.block());
        }
        return blocks.size();
    }

    private static BroadcastResult send(LocalNetwork net, String tx) throws Exception {
        return TestNetworks.broadcastUntilServed(net, "mychannel", tx.getBytes(StandardCharsets.UTF_8), WAIT);
    }
}
