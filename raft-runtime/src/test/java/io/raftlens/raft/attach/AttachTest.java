package io.raftlens.raft.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.metrics.OrdererMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attach against RaftLens's own operations endpoints (real sockets on 127.0.0.1, Fabric's metric names and text
 * format), and against exposition text in the shape Fabric's client_golang writes.
 */
class AttachTest {

    private static final Duration T = Duration.ofSeconds(3);

    private static String url(OperationsServer s) {
        return "http://127.0.0.1:" + s.address().getPort();
    }

    @Test
    void followsTwoOrderersThroughTheirOperationsEndpoints() {
        OrdererMetrics m1 = new OrdererMetrics();
        OrdererMetrics m2 = new OrdererMetrics();
        ChannelRaftMetrics c1 = m1.etcdraft().forChannel("mychannel", 3, 4);
        ChannelRaftMetrics c2 = m2.etcdraft().forChannel("mychannel", 3, 4);
        c1.isLeader(true);
        c1.activeNodes(3);
        c1.leaderChanged();
        c2.leaderChanged();
        c2.activeNodes(3);
        OperationsServer s1 = OperationsServer.start("127.0.0.1", 0, m1, new HealthRegistry());
        OperationsServer s2 = OperationsServer.start("127.0.0.1", 0, m2, new HealthRegistry());
        OperationsClient client = new OperationsClient(null, null, null, T);
        try {
            Map<String, OrdererStatus> first = poll(client, Map.of("orderer1.example.com", url(s1), "orderer2.example.com", url(s2)));
            OrdererStatus.ChannelStatus one = first.get("orderer1.example.com").channels().get("mychannel");
            assertTrue(one.leader());
            assertEquals(3, one.clusterSize());
            assertEquals(3, one.activeNodes());
            assertEquals(4, one.committedBlock());
            assertEquals(1, one.leaderChanges());
            assertEquals("OK", first.get("orderer1.example.com").health());
            assertFalse(first.get("orderer2.example.com").channels().get("mychannel").leader());
            assertTrue(StatusChanges.risks(first).isEmpty());

            // leadership moves to orderer2; orderer1 then goes away
            c1.isLeader(false);
            c1.leaderChanged();
            c2.isLeader(true);
            c2.leaderChanged();
            c2.activeNodes(1);
            s1.close();
            Map<String, OrdererStatus> second = poll(client, Map.of("orderer1.example.com", url(s1), "orderer2.example.com", url(s2)));
            List<String> changes = StatusChanges.between(first, second);
            assertTrue(changes.get(0).startsWith("orderer1.example.com: unreachable ("), changes.toString());
            assertTrue(changes.contains("orderer2.example.com mychannel: became leader"), changes.toString());
            assertTrue(changes.contains("orderer2.example.com mychannel: leader changed (leader_changes 1 → 2)"), changes.toString());
            assertTrue(changes.contains("orderer2.example.com mychannel: active nodes 3 → 1 of 3"), changes.toString());
            assertEquals(List.of("mychannel: quorum at risk — the leader sees 1 active of 3 (a majority is 2)"), StatusChanges.risks(second));
        } finally {
            s1.close();
            s2.close();
        }
    }

    private static Map<String, OrdererStatus> poll(OperationsClient client, Map<String, String> urls) {
        Map<String, OrdererStatus> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(urls).forEach((host, url) -> out.put(host, client.poll(host, url, T)));
        return out;
    }

    @Test
    void readsFabricsExpositionText() {
        // Fabric registers these with client_golang (orderer/consensus/etcdraft/metrics.go): counters keep their
        // name (no _total), gauges carry the channel label; other families are ignored.
        String text = """
                # HELP consensus_etcdraft_active_nodes Number of active nodes in this channel.
                # TYPE consensus_etcdraft_active_nodes gauge
                consensus_etcdraft_active_nodes{channel="mychannel"} 3
                # HELP consensus_etcdraft_cluster_size Number of nodes in this channel.
                # TYPE consensus_etcdraft_cluster_size gauge
                consensus_etcdraft_cluster_size{channel="mychannel"} 3
                # HELP consensus_etcdraft_committed_block_number The block number of the latest block committed.
                # TYPE consensus_etcdraft_committed_block_number gauge
                consensus_etcdraft_committed_block_number{channel="mychannel"} 12
                # HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.
                # TYPE consensus_etcdraft_is_leader gauge
                consensus_etcdraft_is_leader{channel="mychannel"} 0
                # HELP consensus_etcdraft_leader_changes The number of leader changes since process start.
                # TYPE consensus_etcdraft_leader_changes counter
                consensus_etcdraft_leader_changes{channel="mychannel"} 2
                # HELP participation_status The channel participation status of the node: 0 if inactive, 1 if active, 2 if onboarding, 3 if failed.
                # TYPE participation_status gauge
                participation_status{channel="mychannel"} 1
                # HELP go_gc_duration_seconds A summary of the GC invocation durations.
                go_gc_duration_seconds{quantile="0.5"} 4.2e-05
                ledger_blockchain_height{channel="mychannel"} 13
                """;
        OrdererStatus s = OrdererStatus.fromMetrics("orderer3.example.com", text, "OK");
        OrdererStatus.ChannelStatus c = s.channels().get("mychannel");
        assertEquals(new OrdererStatus.ChannelStatus("mychannel", false, 2, 3, 3, 12, 1), c);
    }
}
