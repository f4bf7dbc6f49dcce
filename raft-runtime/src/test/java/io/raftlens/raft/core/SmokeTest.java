package io.raftlens.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void threeNodesElectAndCommit() {
        Network n = Network.of(c -> c.preVote(true).checkQuorum(true), 1, 2, 3);
        n.campaign(1);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        n.propose(1, "hello");
        for (long id = 1; id <= 3; id++) {
            assertEquals(2, n.peer(id).committed(), "node " + id);
        }
        System.out.println(String.join("\n", n.sharedLog));
    }
}
