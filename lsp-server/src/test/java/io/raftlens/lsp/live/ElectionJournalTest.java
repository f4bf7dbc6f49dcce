package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.network.NetworkEvent;
import io.raftlens.raft.network.NodeRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The election story from a scripted event stream (the article's kill-the-leader scenario). */
class ElectionJournalTest {

    private final ElectionJournal journal = new ElectionJournal(id -> "orderer" + id + ".example.com", 5);

    private void state(long node, String role, long term, long leader) {
        journal.accept(new NetworkEvent.StateChanged(System.currentTimeMillis(), "mychannel", NodeId.of(node), NodeRole.ofLabel(role), term,
                NodeId.of(leader)));
    }

    private void leaderChange(long node, long from, long to, long term) {
        journal.accept(new NetworkEvent.LeaderChanged(System.currentTimeMillis(), "mychannel", NodeId.of(node), NodeId.of(from), NodeId.of(to), term));
    }

    private void nodeEvent(long node, String state) {
        journal.accept(new NetworkEvent.NodeLifecycle(System.currentTimeMillis(), NodeId.of(node), "orderer" + node + ".example.com",
                NetworkEvent.Lifecycle.valueOf(state.toUpperCase(java.util.Locale.ROOT)), null));
    }

    private void won(long node, long term) {
        journal.accept(new NetworkEvent.ElectionWon(System.currentTimeMillis(), "mychannel", NodeId.of(node), term, 312, 3, 3, 0));
    }

    @Test
    void killedLeaderNewElectionAndRejoinWithRejectedPreVote() {
        // orderer1 leads term 2; it is killed; the others lose it; orderer3 campaigns and wins term 3
        state(1, "leader", 2, 1);
        nodeEvent(1, "killed");
        for (long f = 2; f <= 5; f++) {
            leaderChange(f, 1, 0, 2);
        }
        Map<NodeId, ElectionJournal.Note> lost = journal.notes("mychannel");
        assertEquals(ElectionJournal.Kind.LOST_LEADER, lost.get(NodeId.of(1)).kind());
        assertTrue(lost.get(NodeId.of(1)).message().startsWith("mychannel: lost leader orderer1.example.com at term 2"), lost.get(NodeId.of(1)).message());

        state(3, "pre-candidate", 2, 0);
        state(3, "candidate", 3, 0);
        state(3, "leader", 3, 3);
        won(3, 3);
        Map<NodeId, ElectionJournal.Note> after = journal.notes("mychannel");
        assertEquals("mychannel: orderer3.example.com started an election at term 2 and won it for term 3 in 312 ms"
                + " (pre-votes 3/5, votes 3/5, 0 rejections)", after.get(NodeId.of(3)).message());
        assertEquals("mychannel: lost leader orderer1.example.com; orderer3.example.com won the election for term 3 in 312 ms",
                after.get(NodeId.of(1)).message());

        // orderer1 restarts, campaigns at its old term… no: it learned term 3 from the leader; a pre-vote at 3 is refused
        nodeEvent(1, "started");
        state(1, "pre-candidate", 3, 0);
        state(1, "follower", 3, 3);
        ElectionJournal.Note rejoin = journal.notes("mychannel").get(NodeId.of(1));
        assertEquals(ElectionJournal.Kind.PRE_VOTE_REJECTED, rejoin.kind());
        assertEquals("mychannel: orderer1.example.com rejoined; its pre-vote at term 3 was rejected, it follows leader "
                + "orderer3.example.com without changing the term", rejoin.message());

        List<String> events = journal.rows().stream().map(r -> r.node() + " " + r.event()).toList();
        assertEquals(List.of("1 killed", "2 lost leader orderer1.example.com", "3 is starting a new election; became pre-candidate",
                "3 won the pre-vote; became candidate", "3 became leader in 312 ms", "1 started",
                "1 is starting a new election; became pre-candidate", "1 pre-vote rejected; follows orderer3.example.com"), events);
        assertEquals("pre-votes 3/5, votes 3/5, 0 rejections", journal.rows().get(4).votes());
    }

    @Test
    void aFollowerThatMovesToANewTermWasNotRejected() {
        state(2, "pre-candidate", 2, 0);
        state(2, "follower", 3, 4);
        assertEquals(ElectionJournal.Kind.ELECTION_STARTED, journal.notes("mychannel").get(NodeId.of(2)).kind());
        assertTrue(journal.notes("other").isEmpty());
    }

    @Test
    void aConsenterRemovedFromTheChannelIsATimelineRow() {
        state(2, "follower", 3, 1);
        state(2, "evicted", 0, 0);
        ElectionJournal.Row last = journal.rows().get(journal.rows().size() - 1);
        assertEquals("removed from the consenter set by a config update; its chain halted", last.event());
        assertEquals(NodeId.of(2), last.node());
    }

    @Test
    void timelineIsAMarkdownTable() {
        state(3, "pre-candidate", 2, 0);
        won(3, 3);
        String md = ElectionTimeline.markdown(journal.rows(), id -> "orderer" + id + ".example.com", false);
        String[] lines = md.split("\n");
        assertEquals("| time (UTC) | node | event | term | votes |", lines[0]);
        assertEquals("|---|---|---|---|---|", lines[1]);
        assertTrue(lines[2].matches("\\| \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\| orderer3\\.example\\.com \\| is starting a new election; became pre-candidate \\| 2 \\|  \\|"), lines[2]);
        assertTrue(lines[3].endsWith("| orderer3.example.com | became leader in 312 ms | 3 | pre-votes 3/5, votes 3/5, 0 rejections |"), lines[3]);
        String twoChannels = ElectionTimeline.markdown(List.of(), id -> "x", true);
        assertTrue(twoChannels.startsWith("| time (UTC) | channel | node | event | term | votes |"));
        assertTrue(twoChannels.contains("no elections yet"));
    }
}
