package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.EtcdRaftVersion;
import io.raftlens.raft.node.BroadcastResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch on etcd raft 3.5 (what Fabric 2.5 vendors: self-vote and self-ack counted at once, one MsgApp per
 * proposal) elects, orders, fails over and orders again, as on 3.6 (the one-node
 * case, won inside campaign, is {@code EtcdRaftVersionTest}'s and {@code ElectionTallyTest}'s).
 */
@Timeout(60)
class EtcdRaft35NetworkTest {

    @TempDir
    Path dir;

    @Test
    void threeNodesElectOrderFailOverAndOrderAgain() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel")).withEtcdRaftVersion(EtcdRaftVersion.V3_5);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            awaitOneLeader(net);
            BroadcastResult first = TestNetworks.broadcastUntilServed(net, "mychannel",
                    "tx-1".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
            assertTrue(first.isSuccess(), first.toString());
            long leader = LocalNetworkTest.leaders(net, "mychannel").iterator().next();
            net.killNode(leader);
            TestNetworks.await("a new leader", Duration.ofSeconds(20), () -> {
                Set<Long> l = LocalNetworkTest.leaders(net, "mychannel");
                return l.size() == 1 && !l.contains(0L) && !l.contains(leader);
            });
            BroadcastResult second = TestNetworks.broadcastUntilServed(net, "mychannel",
                    "tx-2".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
            assertTrue(second.isSuccess(), second.toString());
            assertEquals(first.block() + 1, second.block());
        }
    }

    private static void awaitOneLeader(LocalNetwork net) throws InterruptedException {
        TestNetworks.await("a leader all nodes agree on", Duration.ofSeconds(20), () -> {
            Set<Long> l = LocalNetworkTest.leaders(net, "mychannel");
            return l.size() == 1 && !l.contains(0L);
        });
    }
}
