package io.raftlens.raft.core.sim;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle must catch each kind of violation on fabricated histories (so a green simulation means something). */
class SafetyCheckerTest {

    private final SafetyChecker checker = new SafetyChecker(List.of(1L, 2L, 3L));
    private final Map<Long, Map<Long, Entry>> logs = new HashMap<>();

    private static Entry entry(long term, long index, String data) {
        return Entry.newBuilder().setTerm(term).setIndex(index).setData(ByteString.copyFromUtf8(data)).build();
    }

    private static HardState hs(long term, long vote, long commit) {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(commit).build();
    }

    private void persist(long node, long prevTerm, Entry... entries) {
        checker.entriesPersisted(node, prevTerm, List.of(entries));
        for (Entry e : entries) {
            logs.computeIfAbsent(node, k -> new HashMap<>()).put(e.getIndex(), e);
        }
    }

    private void persist(long node, HardState hs) {
        checker.hardStatePersisted(node, hs, i -> logs.getOrDefault(node, Map.of()).get(i));
    }

    private static void assertMentions(InvariantViolation v, String text) {
        assertTrue(v.getMessage().contains(text), () -> "expected '" + text + "' in: " + v.getMessage());
    }

    @Test
    void aConsistentHistoryPasses() {
        assertDoesNotThrow(() -> {
            checker.status(1, 1, 0, StateRole.LEADER);
            persist(1, 0, entry(1, 1, "a"), entry(1, 2, "b"));
            persist(2, 0, entry(1, 1, "a"));
            persist(1, hs(1, 1, 2));
            persist(2, hs(1, 1, 1));
            checker.applied(1, entry(1, 1, "a"));
            checker.applied(1, entry(1, 2, "b"));
            checker.applied(2, entry(1, 1, "a"));
            checker.voteGranted(2, 1, 1);
            checker.voteGranted(2, 1, 1);
            checker.leaderLog(1, 2, 1, 2, i -> logs.get(1L).get(i).getTerm());
        });
        assertEquals(2, checker.committedIndex());
    }

    @Test
    void twoLeadersInOneTerm() {
        checker.status(1, 3, 0, StateRole.LEADER);
        checker.status(2, 3, 0, StateRole.FOLLOWER);
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> checker.status(2, 3, 0, StateRole.LEADER));
        assertMentions(v, "two leaders in term 3");
    }

    @Test
    void termGoingBackInMemory() {
        checker.status(1, 4, 0, StateRole.FOLLOWER);
        assertThrows(InvariantViolation.class, () -> checker.status(1, 3, 0, StateRole.FOLLOWER));
    }

    @Test
    void commitGoingBack() {
        persist(1, 0, entry(1, 1, "a"), entry(1, 2, "b"));
        persist(1, hs(1, 1, 2));
        checker.status(1, 1, 2, StateRole.FOLLOWER);
        assertThrows(InvariantViolation.class, () -> checker.status(1, 1, 1, StateRole.FOLLOWER));
        assertThrows(InvariantViolation.class, () -> persist(1, hs(1, 1, 1)));
    }

    @Test
    void voteChangedWithinATermAcrossARestart() {
        persist(2, hs(5, 1, 0));
        checker.restarted(2, 0);
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> persist(2, hs(5, 3, 0)));
        assertMentions(v, "changed its vote in term 5");
    }

    @Test
    void twoVotesGrantedInOneTerm() {
        checker.voteGranted(3, 7, 1);
        assertThrows(InvariantViolation.class, () -> checker.voteGranted(3, 7, 2));
    }

    @Test
    void twoEntriesUnderOneIndexAndTerm() {
        persist(1, 0, entry(2, 1, "x"));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> persist(2, 0, entry(2, 1, "y")));
        assertMentions(v, "log matching");
    }

    @Test
    void sameEntryAfterDifferentPredecessors() {
        persist(1, 0, entry(1, 1, "a"), entry(3, 2, "c"));
        persist(2, 0, entry(2, 1, "b"));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> persist(2, 2, entry(3, 2, "c")));
        assertMentions(v, "follows term 2");
    }

    @Test
    void overwritingACommittedEntry() {
        persist(1, 0, entry(1, 1, "a"));
        persist(1, hs(1, 1, 1));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> persist(1, 0, entry(2, 1, "b")));
        assertMentions(v, "overwrote committed entry");
    }

    @Test
    void committingADifferentEntryAtACommittedIndex() {
        persist(1, 0, entry(1, 1, "a"));
        persist(1, hs(1, 1, 1));
        persist(2, 0, entry(2, 1, "b"));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> persist(2, hs(2, 2, 1)));
        assertMentions(v, "state machine safety");
    }

    @Test
    void applyingOutOfOrderOrUncommitted() {
        persist(1, 0, entry(1, 1, "a"), entry(1, 2, "b"));
        persist(1, hs(1, 1, 1));
        assertThrows(InvariantViolation.class, () -> checker.applied(1, entry(1, 2, "b")));
        checker.applied(1, entry(1, 1, "a"));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> checker.applied(1, entry(1, 2, "b")));
        assertMentions(v, "no node has persisted as committed");
    }

    @Test
    void leaderMissingACommittedEntry() {
        persist(1, 0, entry(1, 1, "a"), entry(1, 2, "b"));
        persist(1, hs(1, 1, 2));
        InvariantViolation v = assertThrows(InvariantViolation.class,
                () -> checker.leaderLog(2, 2, 1, 1, i -> 1L));
        assertMentions(v, "leader completeness");
    }

    @Test
    void snapshotBeyondTheCommittedIndex() {
        persist(1, 0, entry(1, 1, "a"));
        persist(1, hs(1, 1, 1));
        SnapshotMetadata md = SnapshotMetadata.newBuilder().setIndex(2).setTerm(1).build();
        assertThrows(InvariantViolation.class, () -> checker.snapshotPersisted(3, md));
    }

    @Test
    void committedEntryHeldByTooFewNodes() {
        persist(1, 0, entry(1, 1, "a"));
        persist(1, hs(1, 1, 1));
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> checker.checkDurable(List.of(1L, 2L, 3L),
                (node, index) -> node == 1 ? 1 : -1, node -> 0L));
        assertMentions(v, "survives on only 1 nodes");
    }
}
