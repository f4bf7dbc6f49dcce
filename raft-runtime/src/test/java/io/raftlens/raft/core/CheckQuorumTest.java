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

/** CheckQuorum: the leader steps down without an active quorum, and voters keep a leader lease. */
class CheckQuorumTest {
    private static final Consumer<RaftConfig.Builder> CHECK_QUORUM = c -> c.checkQuorum(true);

    private static Raft leaderOfThree(Network n) {
        Raft r = n.raft(1);
        r.becomeCandidate();
        r.becomeLeader();
        n.readMessages(1);
        return r;
    }

    @Test
    void leaderStaysWhileFollowersRespond() {
        Network n = Network.of(c -> c.checkQuorum(true).electionTick(5), 1, 2, 3);
        Raft r = leaderOfThree(n);
        for (int i = 0; i < 5 + 1; i++) {
            n.peer(1).node.step(msg(2, 1, MessageType.MsgHeartbeatResp, r.term).build());
            n.peer(1).node.tick();
            n.readMessages(1);
        }
        assertEquals(StateRole.LEADER, r.state);
    }

    @Test
    void leaderStepsDownWhenQuorumIsNotActive() {
        Network n = Network.of(c -> c.checkQuorum(true).electionTick(5), 1, 2, 3);
        Raft r = leaderOfThree(n);
        for (int i = 0; i < 5 + 1; i++) {
            n.peer(1).node.tick();
            n.readMessages(1);
        }
        assertEquals(StateRole.FOLLOWER, r.state);
        assertEquals(1, r.term, "same term");
        assertTrue(n.peer(1).logger.lines.contains("WARN 1 stepped down to follower since quorum is not active"));
    }

    @Test
    void isolatedLeaderStepsDownAndMajorityElectsAnother() {
        Network n = Network.of(c -> c.checkQuorum(true).preVote(true), 1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        for (int i = 0; i < 40 && n.peer(1).role() == StateRole.LEADER; i++) {
            n.tickAll();
        }
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        for (int i = 0; i < 40 && n.leaders().isEmpty(); i++) {
            n.tickAll();
        }
        assertEquals(1, n.leaders().size());
        long leader = n.leaders().get(0);
        assertTrue(leader == 2 || leader == 3);
        n.recover();
        n.tickAll();
        assertEquals(n.peer(leader).term(), n.peer(1).term(), "the old leader rejoins at the new term");
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
    }

    /** etcd TestLeaderSupersedingWithCheckQuorum. */
    @Test
    void followerInLeaseIgnoresHigherTermVoteSilently() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.campaign(1);
        n.peer(2).logger.clear();
        n.campaign(3);
        assertEquals(StateRole.CANDIDATE, n.peer(3).role(), "2 still hears from leader 1");
        assertEquals(1, n.peer(2).term(), "ignored without a term change");
        assertEquals(List.of("2 [logterm: 1, index: 1, vote: 1] ignored MsgVote from 3 [logterm: 1, index: 1] at term 1: "
                + "lease is not expired (remaining ticks: 10)"), n.peer(2).logger.text());

        n.raft(2).randomizedElectionTimeout = 11; // let the lease run out without 2 campaigning
        n.tick(2, 10);
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(3).role());
    }

    /** etcd TestLeaderElectionWithCheckQuorum. */
    @Test
    void campaignSucceedsOnceLeaderLostQuorumAndLeasesExpired() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.raft(1).randomizedElectionTimeout = 11;
        n.raft(2).randomizedElectionTimeout = 12;
        n.campaign(1);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        n.raft(1).randomizedElectionTimeout = 11;
        n.raft(2).randomizedElectionTimeout = 12;
        // Ticks without delivery: the leader hears nothing and steps down, 2's lease expires.
        for (int i = 0; i < 10; i++) {
            n.peer(1).node.tick();
            n.peer(2).node.tick();
        }
        n.readMessages(1);
        n.readMessages(2);
        n.campaign(3);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        assertEquals(StateRole.LEADER, n.peer(3).role());
    }

    /** etcd TestFreeStuckCandidateWithCheckQuorum. */
    @Test
    void stuckCandidateIsFreedByDeposingTheLeader() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        n.campaign(3);
        assertEquals(StateRole.FOLLOWER, n.peer(2).role());
        assertEquals(StateRole.CANDIDATE, n.peer(3).role());
        assertEquals(n.peer(2).term() + 1, n.peer(3).term());
        n.campaign(3);
        assertEquals(n.peer(2).term() + 2, n.peer(3).term(), "its term climbs while 2 is in lease");

        n.recover();
        n.send(msg(1, 3, MessageType.MsgHeartbeat, n.peer(1).term()).build());
        assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "3's higher-term MsgAppResp deposes the leader");
        assertEquals(n.peer(1).term(), n.peer(3).term());
        n.campaign(3);
        assertEquals(StateRole.LEADER, n.peer(3).role());
    }

    /** etcd TestNonPromotableVoterWithCheckQuorum: a node outside the configuration never campaigns. */
    @Test
    void nodeOutsideConfigurationNeverCampaigns() {
        Network n = Network.of(CHECK_QUORUM, 1, 2);
        n.add(2, MemoryStorage.withMembers(Fixtures.voters(1)), CHECK_QUORUM);
        n.raft(2).randomizedElectionTimeout = 10;
        n.campaign(1);
        n.tick(2, 30);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(StateRole.FOLLOWER, n.peer(2).role());
        assertEquals(1, n.raft(2).lead);
    }

    /**
     * etcd TestDisruptiveFollower: without pre-vote, a follower that timed out before the leader's heartbeat
     * arrived answers it with a higher term and the leader steps down.
     */
    @Test
    void disruptiveFollowerDeposesLeaderWithoutPreVote() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.campaign(1);
        Raft n3 = n.raft(3);
        n3.randomizedElectionTimeout = 12;
        for (int i = 0; i < 12; i++) {
            n.peer(3).node.tick();
        }
        assertEquals(StateRole.CANDIDATE, n3.state);
        assertEquals(2, n3.term);
        n.readMessages(3); // its vote requests are still "queued": drop them
        List<Message> out = n.stepAndCollect(3, msg(1, 3, MessageType.MsgHeartbeat, 1).build());
        Message resp = ofType(out, MessageType.MsgAppResp).get(0);
        assertEquals(2, resp.getTerm(), "a lower-term heartbeat is answered with our term");
        n.send(resp);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        assertEquals(2, n.peer(1).term());
        assertEquals(StateRole.FOLLOWER, n.peer(2).role());
        assertEquals(1, n.peer(2).term());
    }

    /** etcd TestDisruptiveFollowerPreVote: with pre-vote the same late heartbeat simply brings it back. */
    @Test
    void lateHeartbeatReturnsPreCandidateToFollowerWithPreVote() {
        Network n = Network.of(c -> c.checkQuorum(true).preVote(true), 1, 2, 3);
        n.campaign(1);
        n.propose(1, "a");
        Raft n3 = n.raft(3);
        n3.randomizedElectionTimeout = 12;
        for (int i = 0; i < 12; i++) {
            n.peer(3).node.tick();
        }
        assertEquals(StateRole.PRE_CANDIDATE, n3.state);
        assertEquals(1, n3.term, "no term inflation");
        n.readMessages(3);
        n.send(msg(1, 3, MessageType.MsgHeartbeat, 1).build());
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
        assertEquals(StateRole.FOLLOWER, n3.state);
        assertEquals(1, n3.lead);
    }

    @Test
    void leaderItselfIgnoresHigherTermVotesDuringItsLease() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.campaign(1);
        n.stepAndCollect(1, msg(3, 1, MessageType.MsgVote, 5).setLogTerm(1).setIndex(1).build());
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
    }

    @Test
    void leadershipTransferVoteBypassesTheLease() {
        Network n = Network.of(CHECK_QUORUM, 1, 2, 3);
        n.campaign(1);
        n.stepAndCollect(2, msg(3, 2, MessageType.MsgVote, 2).setLogTerm(1).setIndex(1)
                .setContext(Raft.CAMPAIGN_TRANSFER).build());
        assertEquals(2, n.peer(2).term());
        assertEquals(3, n.raft(2).vote);
    }
}
