package io.raftlens.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Progress tracking, the inflight window and majority quorum arithmetic. */
class TrackerTest {

    private static ProgressTracker tracker(long... voters) {
        ProgressTracker t = new ProgressTracker(4);
        for (long v : voters) {
            t.addVoter(v, 1);
        }
        return t;
    }

    @Test
    void committedIndexIsTheHighestIndexOnAMajority() {
        ProgressTracker t = tracker(1, 2, 3, 4, 5);
        long[] match = {5, 3, 9, 1, 4};
        for (int i = 0; i < 5; i++) {
            t.get(i + 1).match = match[i];
        }
        assertEquals(4, t.committed(), "sorted 1 3 4 5 9: three nodes hold 4");
        ProgressTracker four = tracker(1, 2, 3, 4);
        four.get(1).match = 7;
        four.get(2).match = 7;
        four.get(3).match = 2;
        assertEquals(2, four.committed(), "with four voters three must hold it");
        assertEquals(Long.MAX_VALUE, new ProgressTracker(1).committed(), "an empty configuration commits everything");
    }

    @Test
    void votesAreWonLostOrPending() {
        ProgressTracker t = tracker(1, 2, 3);
        t.recordVote(1, true);
        assertEquals(VoteResult.PENDING, t.voteResult());
        t.recordVote(2, false);
        assertEquals(VoteResult.PENDING, t.voteResult());
        t.recordVote(2, true);
        assertEquals(VoteResult.PENDING, t.voteResult(), "only the first answer of a voter counts");
        t.recordVote(3, true);
        assertEquals(VoteResult.WON, t.voteResult());
        t.resetVotes();
        t.recordVote(2, false);
        t.recordVote(3, false);
        assertEquals(VoteResult.LOST, t.voteResult());
        t.recordVote(9, true);
        assertEquals(0, t.countVotes()[0], "votes from non-voters are not counted");
    }

    @Test
    void membershipIsKeptSortedAndDescribedLikeEtcd() {
        ProgressTracker t = tracker(3, 1, 2);
        t.addLearner(4, 1);
        assertEquals("voters=(1 2 3) learners=(4)", t.describe());
        t.addVoter(4, 1);
        t.remove(2);
        assertEquals("voters=(1 3 4)", t.describe());
        assertEquals(3, t.size());
        assertEquals(4, t.idAt(2));
    }

    @Test
    void quorumActiveCountsRecentlyActiveVoters() {
        ProgressTracker t = tracker(1, 2, 3);
        t.resetAll(1, 5);
        t.get(1).recentActive = true;
        assertFalse(t.quorumActive());
        t.get(3).recentActive = true;
        assertTrue(t.quorumActive());
    }

    @Test
    void inflightWindowFreesAcknowledgedMessages() {
        Inflights in = new Inflights(3);
        in.add(10);
        in.add(20);
        in.add(30);
        assertTrue(in.full());
        assertThrows(IllegalStateException.class, () -> in.add(40));
        in.freeLE(15);
        assertEquals(2, in.count());
        in.add(40); // wraps around the ring
        in.freeLE(35);
        assertEquals(1, in.count());
        in.freeLE(5);
        assertEquals(1, in.count(), "older acks free nothing");
        in.freeLE(40);
        assertEquals(0, in.count());
    }

    @Test
    void progressMovesBetweenProbeReplicateAndSnapshot() {
        PeerProgress pr = new PeerProgress(0, 5, 2, false, true);
        pr.updateOnEntriesSend(3, 5);
        assertTrue(pr.isPaused(), "a probe waits for its answer");
        assertTrue(pr.maybeUpdate(7));
        pr.becomeReplicate();
        assertEquals(8, pr.next);
        pr.updateOnEntriesSend(2, 8);
        assertEquals(10, pr.next, "replicate advances next optimistically");
        pr.updateOnEntriesSend(1, 10);
        assertTrue(pr.isPaused(), "window of 2 full");
        assertFalse(pr.maybeDecrTo(6, 6), "stale rejection");
        assertTrue(pr.maybeDecrTo(9, 6));
        assertEquals(8, pr.next, "back to match+1");
        pr.becomeSnapshot(20);
        assertTrue(pr.isPaused());
        pr.becomeProbe();
        assertEquals(21, pr.next, "probe from after the snapshot");
    }
}
