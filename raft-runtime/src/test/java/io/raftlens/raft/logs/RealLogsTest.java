package io.raftlens.raft.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real orderer and etcd logs posted publicly (see {@code logs/real/SOURCES.md}); each assertion is what a careful
 * reader finds in the lines, worked out by reading them.
 */
class RealLogsTest {

    static Timeline read(String channel, String... files) throws IOException {
        Timeline t = new Timeline(channel);
        for (String f : files) {
            try (InputStream in = RealLogsTest.class.getResourceAsStream("/logs/real/" + f)) {
                TimelineReader.read(in, f.replace(".log", ""), t);
            }
        }
        return t.finish();
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void fabric14FiveNodeBootstrapElection() throws IOException {
        // orderer3 campaigns: pre-votes from itself, 5 and 1 ([quorum:3] reached), then votes from itself, 5 and 2.
        Timeline t = read(null, "fabric-1.4-byfn-orderer3.log", "fabric-1.4-byfn-orderer2.log");
        ChannelTimeline ch = t.channel("mychannel");
        assertEquals(List.of("2", "3"), ch.nodes());
        assertEquals(1, ch.elections().size());
        Election e = ch.elections().get(0);
        assertEquals("3", e.node());
        assertEquals(1, e.term());
        assertTrue(e.usedPreVote());
        assertEquals(List.of("3", "5", "1"), e.preVoteGrantedBy());
        assertEquals(3, e.preVotesGranted());
        assertEquals(0, e.preVotesRejected());
        assertEquals(2, e.candidateTerm());
        assertEquals(List.of("3", "5", "2"), e.voteGrantedBy());
        assertEquals(Election.Outcome.WON, e.outcome());
        assertEquals(2, e.leaderTerm());
        assertEquals(at("2019-08-21T17:05:52.540Z"), e.startTime());
        assertEquals(4, e.durationMs());
        // Each node's raft.node line; Fabric's "Raft leader changed: 0 -> 3" says the same thing and is not repeated.
        assertEquals(List.of("3:0->3@2", "2:0->3@2"), ch.leaderChanges().stream()
                .map(c -> c.node() + ":" + c.from() + "->" + c.to() + "@" + c.term()).toList());
        // orderer2 granted the pre-vote and the vote.
        assertEquals(2, ch.voteMarks().stream().filter(v -> v.voter().equals("2") && v.granted()).count());
        assertTrue(ch.findings().isEmpty(), ch.findings().toString());

        ChannelTimeline sys = t.channel("byfn-sys-channel");
        assertTrue(sys.elections().isEmpty(), "orderer3 only voted (for 5) in the system channel");
        assertEquals(List.of("3:0->5@2"), sys.leaderChanges().stream()
                .map(c -> c.node() + ":" + c.from() + "->" + c.to() + "@" + c.term()).toList());
    }

    @Test
    void fabric24SingleNodeChannel() throws IOException {
        Timeline t = read(null, "fabric-2.4.0-single-orderer.log");
        assertEquals(List.of("mychannel"), t.channels().stream().map(ChannelTimeline::name).toList());
        Election e = t.channel("mychannel").elections().get(0);
        assertEquals("1", e.node());
        assertEquals(1, e.term());
        assertEquals(1, e.preVotesGranted());
        assertEquals(1, e.votesGranted());
        assertEquals(Election.Outcome.WON, e.outcome());
        assertEquals(2, e.leaderTerm());
        assertEquals(2, e.durationMs()); // 05:41:47.038 -> .040
        assertEquals(1, t.channel("mychannel").leaderChanges().size());
    }

    @Test
    void fabric2xSystemChannelAndLinesWithoutTimestamps() throws IOException {
        Timeline mini = read(null, "minifabric-77-fabric-2.x.log");
        assertEquals(2, mini.channel("systemchannel").elections().get(0).leaderTerm());

        // Pasted without timestamps; etcd raft >= 3.5 labels the election line "hup".
        Timeline lto = read(null, "lto-fabric-3.x-no-time.log");
        Election e = lto.channel("ltochannel").elections().get(0);
        assertEquals(1, e.term());
        assertEquals(2, e.leaderTerm());
        assertFalse(e.startTime() != DecodedLine.NO_TIME);
        assertEquals(-1, e.durationMs());
    }

    @Test
    void jsonLoggingWithoutTimestampsAndATransfer() throws IOException {
        Timeline t = read(null, "fabric-pr4262-json-no-time.log");
        ChannelTimeline ch = t.channel("multi-node-channel");
        Election e = ch.elections().get(0);
        assertEquals("1", e.node());
        assertTrue(e.transfer(), "started by MsgTimeoutNow");
        assertFalse(e.usedPreVote(), "a transfer campaign skips the pre-vote");
        assertEquals(2, e.candidateTerm());
        assertEquals(1, e.votesGranted());
        assertEquals(Election.Outcome.UNFINISHED, e.outcome());
        assertEquals("timeout-now", ch.transfers().get(0).stage());
        assertEquals("1", ch.transfers().get(0).to());
    }

    @Test
    void dockerDesktopPrefixKeepsTheOrderersOwnTime() throws IOException {
        ChannelTimeline ch = read(null, "cello-650-docker-desktop.log").channel("channel");
        assertEquals(List.of("1"), ch.nodes());
        assertEquals(List.of("follower@0", "follower@1"), ch.roles("1").stream().map(r -> r.role() + "@" + r.term()).toList());
        assertEquals(at("2024-11-09T03:44:21.804Z"), ch.firstTime());
    }

    @Test
    void etcd34CandidateRefusedByBothPeers() throws IOException {
        // The excerpt begins during e337…'s campaign at term 39: both peers refuse, it falls back, 305e… wins term 40.
        ChannelTimeline ch = read(null, "etcd-13346-capnslog-3.4.log").channel("-");
        Election e = ch.elections().get(0);
        assertEquals("e337a53965c9eed8", e.node());
        assertTrue(e.isPartial());
        assertEquals(39, e.candidateTerm());
        assertEquals(1, e.votesGranted());
        assertEquals(2, e.votesRejected());
        assertEquals(List.of("305e2d98af38bb40", "7752c0b6a21319fe"), e.voteRejectedBy());
        assertEquals(Election.Outcome.LOST, e.outcome());
        assertEquals("became follower at term 39", e.endReason());
        assertEquals(List.of("e337a53965c9eed8<7752c0b6a21319fe", "305e2d98af38bb40<e337a53965c9eed8",
                "7752c0b6a21319fe<e337a53965c9eed8"), ch.rejectedVotes().stream().map(r -> r.by() + "<" + r.from()).toList());
        assertEquals("305e2d98af38bb40", ch.leaderChanges().get(0).to());
        assertEquals(40, ch.leaderChanges().get(0).term());
    }

    @Test
    void etcd35RejectedPreVote() throws IOException {
        ChannelTimeline ch = read(null, "etcd-14666-zap-3.5.log").channel("-");
        ChannelTimeline.RejectedVote r = ch.rejectedPreVotes().get(0);
        assertEquals("58538a766adc54bf", r.by());
        assertEquals("28b20f19756071a9", r.from());
        assertEquals(4, r.term());
        Election e = ch.elections().get(0);
        assertEquals(4, e.term());
        assertEquals(Election.Outcome.UNFINISHED, e.outcome());
        assertEquals(at("2022-10-28T09:12:25.024Z"), e.startTime());
    }

    @Test
    void oldEtcdWordingAndJournaldPrefix() throws IOException {
        ChannelTimeline ch = read(null, "etcd-9668-journald.log").channel("-");
        assertEquals("91d25258d70ad868", ch.lostLeader().get(0).leader());
        assertEquals(12274, ch.lostLeader().get(0).term());
        assertEquals("134af6e5d3e35861", ch.rejectedVotes().get(0).from(), "'rejected vote from' (etcd <= 3.2)");
        assertTrue(ch.ignoredVotes().isEmpty(), "ignored MsgApp/MsgHeartbeat are not votes");

        ChannelTimeline json = read(null, "etcd-journald-zap-json.log").channel("-");
        assertEquals(at("2023-12-14T08:53:46.316Z"), json.lostLeader().get(0).time());
        assertEquals("b586ded327f9460d", json.lostLeader().get(0).leader());
        assertEquals(2, json.elections().get(0).term());
    }

    @Test
    void channelFilterAndEveryFormatRenders() throws IOException {
        Timeline t = read("mychannel", "fabric-1.4-byfn-orderer3.log", "fabric-1.4-byfn-orderer2.log");
        assertEquals(List.of("mychannel"), t.channels().stream().map(ChannelTimeline::name).toList());
        String json = TimelineJson.write(t);
        assertTrue(json.contains("\"preVotesGranted\" : 3"), json);
        assertTrue(json.contains("\"outcome\" : \"won\""), json);
        assertTrue(TimelineText.markdown(t).contains("**leader at term 2**"));
        String svg = TimelineSvg.svg(t);
        assertTrue(svg.startsWith("<svg") && svg.contains("node 3 granted") == false && svg.contains("node 2 granted a vote to node 3"), svg);
        assertNull(t.channel("byfn-sys-channel"));
    }
}
