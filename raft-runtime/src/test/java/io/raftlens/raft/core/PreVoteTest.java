package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Pre-vote (Raft thesis §9.6) with etcd's semantics, including the rolling-upgrade fixes. */
class PreVoteTest {
    private static final Consumer<RaftConfig.Builder> PRE_VOTE = c -> c.preVote(true);

    @Test
    void preCandidateKeepsTermAndVoteAndAsksForNextTerm() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.peer(1).node.campaign();
        Raft r = n.raft(1);
        assertEquals(StateRole.PRE_CANDIDATE, r.state);
        assertEquals(0, r.term, "a pre-candidate does not bump its term");
        assertEquals(0, r.vote, "nor does it vote");
        List<Message> req = ofType(n.readMessages(1), MessageType.MsgPreVote);
        assertEquals(2, req.size());
        assertEquals(1, req.get(0).getTerm(), "pre-votes carry the term the node would campaign for");
    }

    @Test
    void grantingPreVoteChangesNeitherTermNorVote() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.campaign(1); // leader at term 1
        Raft follower = n.raft(2);
        for (StateRole from : List.of(StateRole.FOLLOWER, StateRole.PRE_CANDIDATE, StateRole.CANDIDATE)) {
            Network m = Network.of(PRE_VOTE, 1, 2, 3);
            Raft r = m.raft(1);
            switch (from) {
                case FOLLOWER -> r.becomeFollower(1, 0);
                case PRE_CANDIDATE -> {
                    r.becomeFollower(1, 0);
                    r.becomePreCandidate();
                }
                default -> r.becomeCandidate();
            }
            m.readMessages(1);
            long term = r.term;
            long vote = r.vote;
            List<Message> out = m.stepAndCollect(1, msg(2, 1, MessageType.MsgPreVote, term + 1)
                    .setLogTerm(term + 1).setIndex(42).build());
            Message resp = ofType(out, MessageType.MsgPreVoteResp).get(0);
            assertEquals(false, resp.getReject(), from.toString());
            assertEquals(term + 1, resp.getTerm(), "a grant echoes the requested term");
            assertEquals(from, r.state, "pre-votes leave the state alone");
            assertEquals(term, r.term);
            assertEquals(vote, r.vote);
        }
        assertEquals(1, follower.term);
    }

    @Test
    void preVoteFromLowerTermIsRejectedWithOurTerm() {
        // A node that raised its term before pre-vote was enabled must learn our term, or the cluster deadlocks.
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.raft(2).becomeFollower(5, 0);
        n.readMessages(2);
        List<Message> out = n.stepAndCollect(2, msg(1, 2, MessageType.MsgPreVote, 3).setLogTerm(1).setIndex(1).build());
        Message resp = ofType(out, MessageType.MsgPreVoteResp).get(0);
        assertTrue(resp.getReject());
        assertEquals(5, resp.getTerm());
        assertTrue(n.peer(2).logger.text().contains(
                "2 [logterm: 0, index: 0, vote: 0] rejected MsgPreVote from 1 [logterm: 1, index: 1] at term 5"));
    }

    @Test
    void isolatedPreCandidateNeverRaisesItsTerm() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.tick(3, 100);
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());
        assertEquals(1, n.peer(3).term(), "without a quorum of pre-votes the term stays put");
        long elections = n.peer(3).logger.text().stream().filter(l -> l.equals("3 is starting a new election at term 1")).count();
        assertTrue(elections >= 5, "it keeps retrying at the same term: " + elections);
    }

    /** etcd TestDuelingCandidates: without pre-vote a rejoining candidate disrupts the leader. */
    @Test
    void duelingCandidatesWithoutPreVoteDisruptTheLeader() {
        Network n = Network.of(1, 2, 3);
        n.cut(1, 3);
        n.campaign(1);
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.CANDIDATE, n.peer(3).role(), "3 got its own vote and 2's rejection");
        n.recover();
        n.campaign(3); // term 2: deposes 1, but loses because its log is shorter
        for (long id = 1; id <= 3; id++) {
            assertEquals(StateRole.FOLLOWER, n.peer(id).role(), "node " + id);
            assertEquals(2, n.peer(id).term(), "node " + id);
        }
        assertEquals(1, n.raft(1).raftLog.committed);
        assertEquals(0, n.raft(3).raftLog.lastIndex());
    }

    /** etcd TestDuelingPreCandidates: with pre-vote the lagging node cannot disturb the leader. */
    @Test
    void duelingPreCandidatesLeaveTheLeaderInPlace() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.cut(1, 3);
        n.campaign(1);
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role(), "2's rejection carried term 1; 3 follows at term 1");
        n.recover();
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
        assertEquals(StateRole.FOLLOWER, n.peer(2).role());
        assertEquals(1, n.peer(2).term());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role());
        assertEquals(1, n.peer(3).term());
    }

    /** etcd TestNodeWithSmallerTermCanCompleteElection. */
    @Test
    void nodeWithSmallerTermCanCompleteElectionAfterLeaderCrash() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.cut(1, 3);
        n.cut(2, 3);
        n.campaign(1);
        n.campaign(3);
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());
        n.campaign(2);
        assertEquals(2, n.peer(1).term());
        assertEquals(2, n.peer(2).term());
        assertEquals(0, n.peer(3).term());
        assertEquals(StateRole.LEADER, n.peer(2).role());

        n.recover();
        n.cut(2, 1); // leader 2 "crashes"
        n.cut(2, 3);
        n.campaign(3);
        n.campaign(1);
        assertTrue(n.peer(1).role() == StateRole.LEADER || n.peer(3).role() == StateRole.LEADER, "a leader emerges");
    }

    /** etcd TestPreVoteWithSplitVote. */
    @Test
    void splitVoteResolvesAtTheNextTimeout() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        n.peer(2).node.campaign();
        n.peer(3).node.campaign();
        n.stabilize();
        assertEquals(2, n.peer(2).term());
        assertEquals(2, n.peer(3).term());
        assertEquals(StateRole.CANDIDATE, n.peer(2).role(), "each voted for itself at term 2");
        assertEquals(StateRole.CANDIDATE, n.peer(3).role());

        n.campaign(2);
        assertEquals(3, n.peer(2).term());
        assertEquals(3, n.peer(3).term());
        assertEquals(StateRole.LEADER, n.peer(2).role());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role());
    }

    /** etcd TestPreVoteWithCheckQuorum: pre-candidates (no leader) grant each other's pre-votes. */
    @Test
    void preCandidatesElectALeaderAfterLeaderIsolationDespiteLeases() {
        Network n = Network.of(c -> c.preVote(true).checkQuorum(true), 1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        n.campaign(3); // 2 is in its lease: ignored
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());
        n.campaign(2); // 3 forgot the leader when it became pre-candidate: grants
        assertEquals(StateRole.LEADER, n.peer(2).role());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role());
    }

    /** etcd newPreVoteMigrationCluster: n1 leader, n2 follower, n3 (pre-vote off) isolated with a high term. */
    private static Network migrationCluster() {
        Network n = Network.of(PRE_VOTE, 1, 2, 3);
        n.restart(3, c -> c.preVote(false));
        n.campaign(1);
        n.isolate(3);
        n.propose(1, "some data");
        n.campaign(3);
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.CANDIDATE, n.peer(3).role());
        assertEquals(1, n.peer(1).term());
        assertEquals(3, n.peer(3).term());
        // rolling restart of n3 with pre-vote on, then heal
        n.restart(3, PRE_VOTE);
        n.recover();
        return n;
    }

    @Test
    void preVoteMigrationCanCompleteElection() {
        Network n = migrationCluster();
        n.isolate(1);
        n.campaign(3);
        n.campaign(2);
        assertEquals(StateRole.FOLLOWER, n.peer(2).role(), "3's rejection of the lower-term pre-vote taught 2 term 3");
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());
        n.campaign(3);
        n.campaign(2);
        assertEquals(StateRole.LEADER, n.peer(2).role());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role());
    }

    @Test
    void preVoteMigrationFreesStuckPreCandidateThroughTheLeadersHeartbeat() {
        Network n = migrationCluster();
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.PRE_CANDIDATE, n.peer(3).role());

        n.send(msg(1, 3, MessageType.MsgHeartbeat, n.peer(1).term()).build());
        assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "3's higher-term answer deposes the leader");
        assertEquals(n.peer(3).term(), n.peer(1).term());
    }
}
