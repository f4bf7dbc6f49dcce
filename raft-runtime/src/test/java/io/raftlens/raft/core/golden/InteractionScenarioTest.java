package io.raftlens.raft.core.golden;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios beyond etcd's golden scripts, driven through the same interaction DSL and checked against the
 * behaviour etcd-raft.md prescribes (its §3 formats and §8 acceptance checks).
 */
class InteractionScenarioTest {

    private final InteractionEnv env = new InteractionEnv();

    private List<String> run(String... commands) {
        List<String> out = new ArrayList<>();
        for (String c : commands) {
            // stabilize indents what each node prints (etcd's "> N handling Ready" sections); match on the text.
            env.execute(c).forEach(l -> out.add(l.strip()));
        }
        return out;
    }

    /** etcd's node.go prints "raft.node: %x elected leader %x at term %d" once per node that learns the leader. */
    @Test
    void everyNodeLogsTheElectedLeaderInEtcdNodeFormat() {
        run("log-level info", "add-nodes 3 voters=(1,2,3) index=2", "campaign 1", "stabilize");
        assertEquals(Set.of("raft.node: 1 elected leader 1 at term 1", "raft.node: 2 elected leader 1 at term 1",
                "raft.node: 3 elected leader 1 at term 1"), Set.copyOf(env.nodeLines()));
        assertEquals(3, env.nodeLines().size(), "one line per node: " + env.nodeLines());
    }

    /**
     * etcd-raft.md §8.4, Fabric's settings: an isolated follower keeps starting pre-vote elections at the same
     * term and never becomes a candidate; after healing, the leader's next heartbeat makes it a follower again
     * at that term and the leader is never disturbed.
     */
    @Test
    void isolatedFollowerWithPreVoteAndCheckQuorumNeitherBumpsItsTermNorDisturbsTheLeader() {
        run("log-level none", "add-nodes 3 voters=(1,2,3) index=10 prevote=true checkquorum=true", "campaign 1",
                "stabilize", "log-level info", "isolate 3");
        List<String> isolatedPhase = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            isolatedPhase.addAll(run("tick-election 3", "tick-heartbeat 1", "tick-heartbeat 2", "stabilize"));
        }
        assertTrue(isolatedPhase.contains("INFO 3 is starting a new election at term 1"), isolatedPhase::toString);
        assertTrue(isolatedPhase.contains("INFO 3 became pre-candidate at term 1"), isolatedPhase::toString);
        assertEquals(2, isolatedPhase.stream().filter(l -> l.equals("INFO 3 became pre-candidate at term 1")).count(),
                () -> "12 ticks with a 5-tick timeout: two pre-vote attempts; " + isolatedPhase);
        assertFalse(isolatedPhase.stream().anyMatch(l -> l.contains("became candidate") || l.contains("at term 2")),
                isolatedPhase::toString);

        List<String> healed = run("heal", "tick-heartbeat 1", "stabilize");
        assertTrue(healed.contains("INFO 3 became follower at term 1"), healed::toString);
        assertFalse(healed.stream().anyMatch(l -> l.startsWith("INFO 1 became") || l.contains("term 2")), healed::toString);
        List<String> nodeLines = env.nodeLines();
        assertEquals("raft.node: 3 elected leader 1 at term 1", nodeLines.get(nodeLines.size() - 1), nodeLines::toString);
        assertTrue(nodeLines.contains("raft.node: 3 lost leader 1 at term 1"), nodeLines::toString);
    }
}
