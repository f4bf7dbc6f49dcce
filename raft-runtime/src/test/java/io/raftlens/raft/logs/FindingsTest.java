package io.raftlens.raft.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The findings on a troubled channel. The lines are built with Fabric's console format
 * ({@code %{time} %{id:04x} %{level:.4s} [%{module}] %{shortfunc} -> %{message}} + {@code channel= node=}) and the
 * format strings of etcd raft v3.5 and Fabric's etcdraft ({@code node.go logSendFailure}, {@code eviction.go}),
 * because no public log shows all of these troubles at once.
 */
class FindingsTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private final Timeline timeline = new Timeline(null);
    private int id;

    private void log(long ms, String level, String func, int node, String message) {
        timeline.line(TIME.format(Instant.ofEpochMilli(T0 + ms)) + " UTC " + String.format("%04x", ++id) + " " + level
                + " [orderer.consensus.etcdraft] " + func + " -> " + message + " channel=mychannel node=" + node, "orderer" + node);
    }

    private void refusedPreVote(long ms, int node, int term) {
        log(ms, "INFO", "hup", node, node + " is starting a new election at term " + term);
        log(ms, "INFO", "becomePreCandidate", node, node + " became pre-candidate at term " + term);
        log(ms, "INFO", "poll", node, node + " received MsgPreVoteResp from " + node + " at term " + term);
        log(ms + 1, "INFO", "Step", 1, "1 [logterm: 2, index: 9, vote: 1] rejected MsgPreVote from " + node
                + " [logterm: 2, index: 7] at term " + term);
        log(ms + 2, "INFO", "poll", node, node + " received MsgPreVoteResp rejection from 1 at term " + term);
        log(ms + 2, "INFO", "poll", node, node + " received MsgPreVoteResp rejection from 2 at term " + term);
        log(ms + 2, "INFO", "stepCandidate", node, node + " has received 1 MsgPreVoteResp votes and 2 vote rejections");
        log(ms + 2, "INFO", "becomeFollower", node, node + " became follower at term " + term);
    }

    private void wins(long ms, int node, int fromTerm) {
        log(ms, "INFO", "hup", node, node + " is starting a new election at term " + fromTerm);
        log(ms, "INFO", "becomeCandidate", node, node + " became candidate at term " + (fromTerm + 1));
        log(ms + 3, "INFO", "becomeLeader", node, node + " became leader at term " + (fromTerm + 1));
        log(ms + 3, "INFO", "run", node, "raft.node: " + node + " elected leader " + node + " at term " + (fromTerm + 1));
    }

    @Test
    void troubledChannel() {
        wins(0, 1, 1);                                   // 1 leads term 2
        refusedPreVote(10_000, 3, 2);                    // 3's log is behind: refused three times
        refusedPreVote(15_000, 3, 2);
        refusedPreVote(20_000, 3, 2);
        log(21_000, "INFO", "Step", 2, "2 [logterm: 2, index: 9, vote: 1] ignored MsgPreVote from 3 [logterm: 2, index: 7] "
                + "at term 2: lease is not expired (remaining ticks: 3)");
        log(30_000, "ERRO", "logSendFailure", 1, "Failed to send StepRequest to 2, because: rpc error: code = Unavailable desc = connection refused");
        log(30_500, "DEBU", "logSendFailure", 1, "Failed to send StepRequest to 2, because: rpc error: code = Unavailable desc = connection refused");
        log(31_000, "WARN", "stepLeader", 1, "1 stepped down to follower since quorum is not active");
        log(31_000, "INFO", "becomeFollower", 1, "1 became follower at term 2");
        log(31_000, "INFO", "run", 1, "raft.node: 1 lost leader 1 at term 2");
        // 2 times out once, then wins term 4 seven seconds after the first campaign: a slow election.
        log(32_000, "INFO", "hup", 2, "2 is starting a new election at term 2");
        log(32_000, "INFO", "becomeCandidate", 2, "2 became candidate at term 3");
        wins(39_000, 2, 3);
        wins(50_000, 1, 4);                              // leaders 1, 2, 1, 2 within a minute: flapping
        wins(60_000, 2, 5);
        log(70_000, "INFO", "run", 3, "Detected our own eviction from the channel in block [12]");

        ChannelTimeline ch = timeline.finish().channel("mychannel");
        List<String> kinds = ch.findings().stream().map(ChannelTimeline.Finding::kind).toList();
        assertTrue(kinds.containsAll(List.of("pre-votes-rejected", "send-failures", "quorum-lost", "slow-election",
                "leadership-flapping", "eviction")), kinds.toString());
        assertTrue(!kinds.contains("repeated-campaigns"), "node 3's repeated campaigns are told once, as refused pre-votes");

        ChannelTimeline.Finding refused = ch.findings().stream().filter(f -> f.kind().equals("pre-votes-rejected")).findFirst().orElseThrow();
        assertEquals("3", refused.node());
        assertTrue(refused.message().contains("rejected 6 times (by nodes 1, 2)"), refused.message());

        ChannelTimeline.Finding send = ch.findings().stream().filter(f -> f.kind().equals("send-failures")).findFirst().orElseThrow();
        assertTrue(send.message().startsWith("node 1 failed 2 times to send consensus messages to node 2"), send.message());

        ChannelTimeline.Finding slow = ch.findings().stream().filter(f -> f.kind().equals("slow-election")).findFirst().orElseThrow();
        assertEquals("2", slow.node());
        assertTrue(slow.message().contains("at term 4 took 7.0 s"), slow.message());

        ChannelTimeline.Finding flap = ch.findings().stream().filter(f -> f.kind().equals("leadership-flapping")).findFirst().orElseThrow();
        assertTrue(flap.message().startsWith("leadership changed 4 times in 60.0 s (terms 2–6)"), flap.message());

        assertEquals(3, ch.elections().stream().filter(e -> e.node().equals("3")).count());
        assertEquals(Election.Outcome.TIMED_OUT, ch.elections().stream().filter(e -> e.node().equals("2")).findFirst().orElseThrow().outcome());
        assertEquals("lease is not expired (remaining ticks: 3)", ch.ignoredVotes().get(0).reason());
        assertEquals(6, ch.rejectedPreVotes().size(), "node 1's refusal line and node 3's 'rejection from 1' line are one refusal");
    }
    private void timesOut(long ms, int node, int fromTerm) {
        log(ms, "INFO", "hup", node, node + " is starting a new election at term " + fromTerm);
        log(ms, "INFO", "becomeCandidate", node, node + " became candidate at term " + (fromTerm + 1));
        log(ms + 1000, "INFO", "becomeFollower", node, node + " became follower at term " + (fromTerm + 2));
    }

    /** A streak of lost campaigns is told with the terms it spanned, also when the node wins afterwards. */
    @Test
    void repeatedCampaignsKeepTheirTermsAfterALaterWin() {
        timesOut(0, 2, 1);
        timesOut(5_000, 2, 3);
        timesOut(10_000, 2, 5);
        wins(15_000, 2, 7);

        ChannelTimeline ch = timeline.finish().channel("mychannel");
        ChannelTimeline.Finding repeated = ch.findings().stream().filter(f -> f.kind().equals("repeated-campaigns"))
                .findFirst().orElseThrow();
        assertTrue(repeated.message().contains("campaigned 3 times in a row without winning (terms 1–5)"),
                repeated.message());
    }
}
