package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTableTest {

    private static NodeState node(int id, NodeRole role, long term, long leader, boolean consenter) {
        return new NodeState(NodeId.of(id), "orderer" + id + ".example.com", 7050 + id, "127.0.0.1:" + (8442 + id), true, false,
                Map.of("mychannel", new ChannelState(role, term, NodeId.of(leader), 7, 3, consenter)));
    }

    /** After a consenter removal the evicted node keeps its last view (term 0, no leader): the others still agree. */
    @Test
    void anEvictedNodeHasNoSayInTheAgreedLeader() {
        NetworkSnapshot s = new NetworkSnapshot("ChannelUsingRaft", List.of("mychannel"),
                Map.of("mychannel", List.of(NodeId.of(1), NodeId.of(3))), List.of(
                node(1, NodeRole.FOLLOWER, 3, 3, true), node(2, NodeRole.EVICTED, 0, 0, false),
                node(3, NodeRole.LEADER, 3, 3, true)));
        String line = NetworkTable.compact(s, "mychannel");
        assertTrue(line.startsWith("mychannel: leader 3 term 3 |"), line);
    }

    @Test
    void followersOfDifferentLeadersDisagree() {
        NetworkSnapshot s = new NetworkSnapshot("ChannelUsingRaft", List.of("mychannel"),
                Map.of("mychannel", List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3))), List.of(
                node(1, NodeRole.FOLLOWER, 3, 3, true), node(2, NodeRole.FOLLOWER, 2, 2, true),
                node(3, NodeRole.LEADER, 3, 3, true)));
        assertTrue(NetworkTable.compact(s, "mychannel").startsWith("mychannel: no agreed leader |"));
    }
}
