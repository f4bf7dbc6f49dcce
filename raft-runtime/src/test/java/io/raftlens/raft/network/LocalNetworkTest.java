package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.OrderingNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LocalNetworkTest {

    @TempDir
    Path dir;

    static Set<Long> leaders(LocalNetwork net, String channel) {
        return net.nodes().stream().filter(OrderingNode::isRunning)
                .map(n -> n.chain(channel).orElseThrow().status())
                .map(ChainStatus::leader).collect(Collectors.toSet());
    }

    @Test
    void threeNodesElectOneLeaderAndOrderABroadcast() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"));
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            TestNetworks.await("a leader all nodes agree on", Duration.ofSeconds(20), () -> {
                Set<Long> l = leaders(net, "mychannel");
                return l.size() == 1 && !l.contains(0L);
            });
            BroadcastResult r = TestNetworks.broadcastUntilServed(net, "mychannel",
                    "tx-1".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
            assertTrue(r.isSuccess(), r.toString());
            assertEquals(1, r.block());
            TestNetworks.await("block 1 on every node", Duration.ofSeconds(10), () -> net.nodes().stream()
                    .allMatch(n -> n.chain("mychannel").orElseThrow().status().height() == 2));
        }
    }

    @Test
    void electionEventCountsEachVoterOnceIncludingTheCandidate() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"));
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            TestNetworks.await("a leader all nodes agree on", Duration.ofSeconds(20), () -> {
                Set<Long> l = leaders(net, "mychannel");
                return l.size() == 1 && !l.contains(0L);
            });
            java.util.concurrent.BlockingQueue<NetworkEvent.ElectionWon> elections = new java.util.concurrent.LinkedBlockingQueue<>();
            try (AutoCloseable sub = net.events().subscribe(e -> {
                if (e instanceof NetworkEvent.ElectionWon won) {
                    elections.add(won);
                }
            })) {
                net.killNode(leaders(net, "mychannel").iterator().next());
                NetworkEvent.ElectionWon won = elections.poll(20, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(won != null, "no election after the leader was killed");
                // Two nodes are left of three: each (pre-)vote count is the candidate plus at most one peer.
                int preVotes = won.preVotes();
                int votes = won.votes();
                assertEquals(2, preVotes, "pre-votes " + preVotes + " in " + won);
                assertEquals(2, votes, "votes " + votes + " in " + won);
            }
        }
    }
}
