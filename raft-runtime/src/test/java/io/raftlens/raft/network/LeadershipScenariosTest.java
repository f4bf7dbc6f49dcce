package io.raftlens.raft.network;

import io.raftlens.raft.node.ChainStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The election scenarios Fabric operators learn from orderer logs, on five real nodes over mutual TLS on
 * 127.0.0.1 with TickInterval 100 ms and ElectionTick 10 (an election timeout of 1–2 s).
 */
@Timeout(120)
class LeadershipScenariosTest {

    private static final String CH = "mychannel";
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration ELECTION_TIMEOUT = TICK.multipliedBy(10);

    @TempDir
    Path dir;

    @Test
    void electKillRestartHandOverIsolate() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 5, List.of(CH), TICK, 10, Duration.ofMillis(50), 16 << 20);
        try (LogCapture log = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {

            // 1. One leader, every node agrees on leader and term; the winner went pre-candidate → candidate → leader.
            Agreement.Leader first = Agreement.await(net, CH, Duration.ofSeconds(20));
            assertElectionSequence(log.of(CH, first.id()), first.id());

            // 2. Kill the leader: the others elect a new one.
            net.killNode(first.id());
            Agreement.Leader second = Agreement.await(net, CH, ELECTION_TIMEOUT.multipliedBy(8));
            assertNotEquals(first.id(), second.id());
            assertTrue(second.term() > first.term());

            // 3. Restart the old leader: it follows the new leader without raising the cluster term. That it never
            //    disrupts the leader later (PreVote with CheckQuorum: no pre-votes from voters that heard from a
            //    leader lately) is etcd's prevote_checkquorum script: -Dtest=GoldenLogTest (resources/golden); this
            //    test no longer waits two election timeouts for a campaign that cannot come.
            net.startNode(first.id());
            TestNetworks.await("the restarted node follows " + second.id(), ELECTION_TIMEOUT.multipliedBy(8), () -> {
                ChainStatus s = net.node(first.id()).orElseThrow().chain(CH).orElseThrow().status();
                return s.leader() == second.id() && "follower".equals(s.role());
            });
            Agreement.Leader afterRestart = Agreement.await(net, CH, Duration.ofSeconds(5));
            assertEquals(second, afterRestart, "the restart must not change leader or term");

            // 4. Graceful stop of the leader hands over at once, without waiting for an election timeout.
            long t0 = System.nanoTime();
            net.stopNode(second.id());
            Agreement.Leader third = Agreement.await(net, CH, ELECTION_TIMEOUT.multipliedBy(8));
            long handOverMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(second.term() + 1, third.term(), "one transfer election, no timeouts");
            assertTrue(handOverMs < ELECTION_TIMEOUT.toMillis(), "hand-over took " + handOverMs + " ms");
            assertTrue(log.of(CH, second.id()).stream().anyMatch(l -> l.startsWith("Transferring leadership to ")));
            net.startNode(second.id());

            // 5. An isolated leader steps down (CheckQuorum); the majority elects another.
            net.isolateNode(third.id());
            TestNetworks.await("isolated leader " + third.id() + " steps down", ELECTION_TIMEOUT.multipliedBy(8), () ->
                    !"leader".equals(net.node(third.id()).orElseThrow().chain(CH).orElseThrow().status().role()));
            assertTrue(log.of(CH, third.id()).stream().anyMatch(l -> l.contains("stepped down to follower since quorum is not active")));
            net.healNode(third.id());
            Agreement.Leader fourth = Agreement.await(net, CH, ELECTION_TIMEOUT.multipliedBy(10));
            assertTrue(fourth.term() > third.term());
        }
    }

    /** pre-candidate → pre-votes → candidate → votes → leader, in that order, in the winner's own lines. */
    private static void assertElectionSequence(List<String> lines, long winner) {
        String w = Long.toHexString(winner);
        String[] steps = {w + " became pre-candidate at term", w + " received MsgPreVoteResp from ",
                w + " became candidate at term", w + " received MsgVoteResp from ", w + " became leader at term"};
        int at = -1;
        for (String step : steps) {
            int found = -1;
            for (int i = at + 1; i < lines.size(); i++) {
                if (lines.get(i).startsWith(step)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found > at, "missing '" + step + "' after line " + at + " in " + lines);
            at = found;
        }
    }
}
