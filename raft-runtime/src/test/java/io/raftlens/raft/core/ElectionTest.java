package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leader election (Raft §5.2, §5.4.1) as etcd raft implements it. */
class ElectionTest {
    private static final Consumer<RaftConfig.Builder> PLAIN = c -> { };

    @Test
    void followerStartsElectionForNextTermAfterElectionTimeout() {
        Network n = Network.of(1, 2, 3);
        Raft r = n.raft(1);
        List<Message> sent = List.of();
        for (int i = 0; i < 2 * 10 && r.state == StateRole.FOLLOWER; i++) {
            n.peer(1).node.tick();
            sent = n.readMessages(1);
        }
        assertEquals(StateRole.CANDIDATE, r.state);
        assertEquals(1, r.term);
        assertEquals(1, r.vote, "a candidate votes for itself");
        List<Message> votes = ofType(sent, MessageType.MsgVote);
        assertEquals(2, votes.size());
        for (int i = 0; i < 2; i++) {
            Message v = votes.get(i);
            assertEquals(i + 2, v.getTo(), "vote requests go out in ascending id order");
            assertEquals(1, v.getTerm());
            assertEquals(0, v.getIndex());
            assertEquals(0, v.getLogTerm());
        }
    }

    @Test
    void candidateWithoutQuorumStartsNewElectionAtNextTerm() {
        Network n = Network.of(1, 2, 3);
        n.blackHole(2);
        n.blackHole(3);
        n.campaign(1);
        assertEquals(StateRole.CANDIDATE, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
        n.tick(1, 20);
        assertEquals(StateRole.CANDIDATE, n.peer(1).role());
        assertEquals(2, n.peer(1).term(), "split or lost vote: retry at term+1 after a randomized timeout");
    }

    @ParameterizedTest(name = "preVote={0}")
    @ValueSource(booleans = {false, true})
    void leaderElectedOnlyWithReachableMajority(boolean preVote) {
        Consumer<RaftConfig.Builder> cfg = c -> c.preVote(preVote);
        StateRole stuck = preVote ? StateRole.PRE_CANDIDATE : StateRole.CANDIDATE;
        long stuckTerm = preVote ? 0 : 1;
        record Case(long[] ids, long[] dead, StateRole role, long term) { }
        List<Case> cases = List.of(
                new Case(new long[] {1, 2, 3}, new long[] {}, StateRole.LEADER, 1),
                new Case(new long[] {1, 2, 3}, new long[] {3}, StateRole.LEADER, 1),
                new Case(new long[] {1, 2, 3}, new long[] {2, 3}, stuck, stuckTerm),
                new Case(new long[] {1, 2, 3, 4}, new long[] {2, 3}, stuck, stuckTerm),
                new Case(new long[] {1, 2, 3, 4, 5}, new long[] {2, 3}, StateRole.LEADER, 1));
        for (Case c : cases) {
            Network n = Network.of(cfg, c.ids);
            for (long d : c.dead) {
                n.blackHole(d);
            }
            n.campaign(1);
            assertEquals(c.role, n.peer(1).role(), () -> "cluster " + c.ids.length + " dead " + c.dead.length);
            assertEquals(c.term, n.peer(1).term());
        }
    }

    @ParameterizedTest(name = "preVote={0}")
    @ValueSource(booleans = {false, true})
    void candidateWithShorterLogIsRejectedAndFollowsAtTheirTerm(boolean preVote) {
        Consumer<RaftConfig.Builder> cfg = c -> c.preVote(preVote);
        Network n = Network.of(cfg, 1, 2, 3, 4, 5);
        n.add(2, storage(voters(1, 2, 3, 4, 5), 1, 0, 1), cfg);
        n.add(3, storage(voters(1, 2, 3, 4, 5), 1, 0, 1), cfg);
        n.add(4, storage(voters(1, 2, 3, 4, 5), 1, 0, 1, 1), cfg);
        n.campaign(1);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
    }

    @Test
    void everyNodeCanWinAnElectionInTurn() {
        for (boolean preVote : new boolean[] {false, true}) {
            Network n = Network.of(c -> c.preVote(preVote), 1, 2, 3);
            for (long campaigner = 1; campaigner <= 3; campaigner++) {
                n.campaign(campaigner);
                for (long id = 1; id <= 3; id++) {
                    StateRole expected = id == campaigner ? StateRole.LEADER : StateRole.FOLLOWER;
                    assertEquals(expected, n.peer(id).role(), "campaigner " + campaigner + " node " + id);
                }
            }
        }
    }

    /** etcd TestLeaderElectionOverwriteNewerLogs: a leader of a later term overwrites divergent uncommitted logs. */
    @ParameterizedTest(name = "preVote={0}")
    @ValueSource(booleans = {false, true})
    void newLeaderOverwritesNewerUncommittedLogs(boolean preVote) {
        Consumer<RaftConfig.Builder> cfg = c -> c.preVote(preVote);
        var cs = voters(1, 2, 3, 4, 5);
        Network n = Network.of(cfg, 1, 2, 3, 4, 5);
        n.add(1, storage(cs, 1, 0, 1), cfg);       // node 1: won the first election, term 1
        n.add(2, storage(cs, 1, 0, 1), cfg);       // node 2: got node 1's entry
        n.add(3, storage(cs, 2, 0, 2), cfg);       // node 3: won the second election, term 2
        n.add(4, storage(cs, 2, 3), cfg);          // node 4: voted for 3 at term 2, got no entry
        n.add(5, storage(cs, 2, 3), cfg);          // node 5: voted for 3 at term 2, got no entry

        n.campaign(1);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "a quorum knows of the term-2 election");
        assertEquals(2, n.peer(1).term(), "node 3's rejection at term 2 pushed node 1 to term 2");

        n.campaign(1);
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(3, n.peer(1).term());
        for (long id = 1; id <= 5; id++) {
            List<io.raftlens.raft.core.pb.Entry> log = n.raft(id).raftLog.allEntries();
            assertEquals(2, log.size(), "node " + id);
            assertEquals(1, log.get(0).getTerm(), "node " + id);
            assertEquals(3, log.get(1).getTerm(), "node " + id);
        }
    }

    /** Raft §5.2: each voter grants at most one vote per term, first come first served. */
    @Test
    void followerGrantsOneVotePerTermFirstComeFirstServed() {
        record Case(long vote, long candidate, boolean reject) { }
        for (Case c : List.of(new Case(0, 2, false), new Case(0, 3, false), new Case(2, 2, false),
                new Case(3, 3, false), new Case(2, 3, true), new Case(3, 2, true))) {
            Network n = Network.of(1, 2, 3);
            n.add(1, storage(voters(1, 2, 3), 1, c.vote), PLAIN);
            List<Message> out = n.stepAndCollect(1, msg(c.candidate, 1, MessageType.MsgVote, 1).build());
            List<Message> resp = ofType(out, MessageType.MsgVoteResp);
            assertEquals(1, resp.size());
            assertEquals(c.candidate, resp.get(0).getTo());
            assertEquals(1, resp.get(0).getTerm());
            assertEquals(c.reject, resp.get(0).getReject(), c.toString());
        }
    }

    /** Raft §5.4.1: grant only to a candidate whose log is at least as up to date. */
    @Test
    void voterRejectsCandidateWithLessUpToDateLog() {
        record Case(long[] logTerms, long candLogTerm, long candIndex, boolean reject) { }
        List<Case> cases = List.of(
                new Case(new long[] {1}, 1, 1, false),   // same last term and index
                new Case(new long[] {1}, 1, 2, false),   // same term, longer
                new Case(new long[] {1, 1}, 1, 1, true), // same term, shorter
                new Case(new long[] {1}, 2, 1, false),   // higher last term
                new Case(new long[] {1}, 2, 2, false),
                new Case(new long[] {1, 1}, 2, 1, false), // higher term wins even when shorter
                new Case(new long[] {2}, 1, 1, true),    // lower last term
                new Case(new long[] {2}, 1, 2, true),
                new Case(new long[] {2, 1}, 1, 1, true));
        for (Case c : cases) {
            Network n = Network.of(1, 2);
            n.add(1, storage(voters(1, 2), 2, 0, c.logTerms), PLAIN);
            List<Message> out = n.stepAndCollect(1, msg(2, 1, MessageType.MsgVote, 3)
                    .setLogTerm(c.candLogTerm).setIndex(c.candIndex).build());
            Message resp = ofType(out, MessageType.MsgVoteResp).get(0);
            assertEquals(c.reject, resp.getReject(), c.toString());
        }
    }

    @Test
    void anyStateStepsDownOnHigherTermMessage() {
        for (StateRole from : StateRole.values()) {
            for (MessageType t : List.of(MessageType.MsgVote, MessageType.MsgApp, MessageType.MsgHeartbeat)) {
                Network n = Network.of(1, 2, 3);
                Raft r = n.raft(1);
                switch (from) {
                    case FOLLOWER -> r.becomeFollower(1, 0);
                    case PRE_CANDIDATE -> r.becomePreCandidate();
                    case CANDIDATE -> r.becomeCandidate();
                    case LEADER -> {
                        r.becomeCandidate();
                        r.becomeLeader();
                    }
                }
                n.readMessages(1);
                long lastIndex = r.raftLog.lastIndex();
                n.peer(1).node.step(msg(2, 1, t, 3).setLogTerm(3).setIndex(lastIndex + 1).build());
                assertEquals(StateRole.FOLLOWER, r.state, from + " " + t);
                assertEquals(3, r.term, from + " " + t);
                long expectedLead = t == MessageType.MsgVote ? 0 : 2;
                assertEquals(expectedLead, r.lead, "a vote request does not name a leader; appends do");
            }
        }
    }

    @Test
    void higherTermVoteIsGrantedFromAnyState() {
        for (StateRole from : StateRole.values()) {
            Network n = Network.of(1, 2, 3);
            Raft r = n.raft(1);
            r.term = 1;
            switch (from) {
                case FOLLOWER -> r.becomeFollower(1, 3);
                case PRE_CANDIDATE -> r.becomePreCandidate();
                case CANDIDATE -> r.becomeCandidate();
                case LEADER -> {
                    r.becomeCandidate();
                    r.becomeLeader();
                }
            }
            n.readMessages(1);
            long term = r.term;
            List<Message> out = n.stepAndCollect(1, msg(2, 1, MessageType.MsgVote, term + 1)
                    .setLogTerm(term + 1).setIndex(42).build());
            Message resp = ofType(out, MessageType.MsgVoteResp).get(0);
            assertFalse(resp.getReject(), from.toString());
            assertEquals(term + 1, resp.getTerm());
            assertEquals(StateRole.FOLLOWER, r.state, from.toString());
            assertEquals(term + 1, r.term);
            assertEquals(2, r.vote);
        }
    }

    @Test
    void singleNodeBecomesLeaderOnceItsOwnVoteIsPersisted() {
        for (boolean preVote : new boolean[] {false, true}) {
            Network n = Network.of(c -> c.preVote(preVote), 1);
            n.peer(1).node.campaign();
            assertEquals(preVote ? StateRole.PRE_CANDIDATE : StateRole.CANDIDATE, n.peer(1).role(),
                    "the self-vote counts only after the Ready that persists it");
            n.stabilize();
            assertEquals(StateRole.LEADER, n.peer(1).role());
            assertEquals(1, n.peer(1).term());
        }
    }

    @Test
    void campaignOnLeaderIsNoop() {
        for (boolean preVote : new boolean[] {false, true}) {
            Network n = Network.of(c -> c.preVote(preVote), 1);
            n.campaign(1);
            n.campaign(1);
            assertEquals(StateRole.LEADER, n.peer(1).role());
            assertEquals(1, n.peer(1).term());
        }
    }

    @Test
    void electionTimeoutIsRandomizedOverElectionTickToTwiceElectionTick() {
        Network n = Network.of(1, 2, 3);
        Raft r = n.raft(1);
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 500; round++) {
            r.becomeFollower(r.term + 1, 0);
            int ticks = 0;
            while (r.state == StateRole.FOLLOWER) {
                n.peer(1).node.tick();
                ticks++;
            }
            n.readMessages(1);
            assertTrue(ticks >= 10 && ticks < 20, "timeout " + ticks);
            seen.add(ticks);
        }
        assertEquals(10, seen.size(), "every value in [10, 20) occurs: " + seen);
    }

    /** etcd TestFollowersElectionTimeoutNonconflict: rarely do two of five nodes time out first on the same tick. */
    @Test
    void randomizedTimeoutsRarelyLetTwoNodesTimeOutFirstTogether() {
        Network n = Network.of(1, 2, 3, 4, 5);
        int conflicts = 0;
        for (int round = 0; round < 1000; round++) {
            int first = Integer.MAX_VALUE;
            int atFirst = 0;
            for (long id = 1; id <= 5; id++) {
                Raft r = n.raft(id);
                r.becomeFollower(r.term + 1, 0);
                if (r.randomizedElectionTimeout < first) {
                    first = r.randomizedElectionTimeout;
                    atFirst = 1;
                } else if (r.randomizedElectionTimeout == first) {
                    atFirst++;
                }
            }
            if (atFirst > 1) {
                conflicts++;
            }
        }
        assertTrue(conflicts <= 300, "rounds where several nodes would campaign at once: " + conflicts + "/1000");
    }

    @Test
    void voteResponseAndVoteAreInTheSameReadySoTheVoteIsPersistedBeforeSending() {
        Network n = Network.of(1, 2, 3);
        n.peer(2).node.step(msg(1, 2, MessageType.MsgVote, 1).build());
        Ready rd = n.peer(2).node.ready();
        assertNotNull(rd.hardState(), "the vote must be persisted");
        assertEquals(1, rd.hardState().getTerm());
        assertEquals(1, rd.hardState().getVote());
        assertTrue(rd.mustSync(), "a term or vote change needs fsync before the response leaves");
        assertEquals(MessageType.MsgVoteResp, rd.messages().get(0).getType());
        n.peer(2).node.advance(rd);
        assertFalse(n.peer(2).node.hasReady(), "the response is handed out exactly once");
    }

    @Test
    void appendResponseIsReleasedWithTheEntriesItAcknowledges() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.peer(1).node.propose(Fixtures.bytes("x"));
        List<Message> appends = ofType(n.readMessages(1), MessageType.MsgApp);
        Message toTwo = appends.stream().filter(m -> m.getTo() == 2).findFirst().orElseThrow();
        n.peer(2).node.step(toTwo);
        Ready rd = n.peer(2).node.ready();
        assertEquals(1, rd.entries().size(), "entries to persist");
        Message resp = ofType(rd.messages(), MessageType.MsgAppResp).get(0);
        assertEquals(rd.entries().get(0).getIndex(), resp.getIndex(), "the ack covers exactly what this Ready persists");
        assertTrue(rd.mustSync());
        n.peer(2).node.advance(rd);
    }

    /** etcd TestLeaderElectionInOneRoundRPC: the outcome of one round of vote responses. */
    @Test
    void oneRoundOfVotesDecidesLeaderFollowerOrPending() {
        record Case(int size, Map<Long, Boolean> votes, StateRole role) { }
        List<Case> cases = List.of(
                new Case(1, Map.of(), StateRole.LEADER),
                new Case(3, Map.of(2L, true, 3L, true), StateRole.LEADER),
                new Case(3, Map.of(2L, true), StateRole.LEADER),
                new Case(5, Map.of(2L, true, 3L, true, 4L, true, 5L, true), StateRole.LEADER),
                new Case(5, Map.of(2L, true, 3L, true, 4L, true), StateRole.LEADER),
                new Case(5, Map.of(2L, true, 3L, true), StateRole.LEADER),
                new Case(3, Map.of(2L, false, 3L, false), StateRole.FOLLOWER),
                new Case(5, Map.of(2L, false, 3L, false, 4L, false, 5L, false), StateRole.FOLLOWER),
                new Case(5, Map.of(2L, true, 3L, false, 4L, false, 5L, false), StateRole.FOLLOWER),
                new Case(3, Map.of(), StateRole.CANDIDATE),
                new Case(5, Map.of(2L, true), StateRole.CANDIDATE),
                new Case(5, Map.of(2L, false, 3L, false), StateRole.CANDIDATE),
                new Case(5, Map.of(2L, true, 3L, false), StateRole.CANDIDATE));
        for (Case c : cases) {
            long[] ids = new long[c.size];
            for (int i = 0; i < c.size; i++) {
                ids[i] = i + 1;
            }
            Network n = Network.of(ids);
            n.peer(1).node.campaign();
            n.readMessages(1); // persists and counts the self-vote
            for (Map.Entry<Long, Boolean> v : new java.util.TreeMap<>(c.votes).entrySet()) {
                n.peer(1).node.step(msg(v.getKey(), 1, MessageType.MsgVoteResp, 1).setReject(!v.getValue()).build());
            }
            assertEquals(c.role, n.peer(1).role(), c.toString());
            assertEquals(1, n.peer(1).term(), c.toString());
        }
    }

    @Test
    void learnerNeverCampaigns() {
        var cs = io.raftlens.raft.core.pb.ConfState.newBuilder().addVoters(1).addVoters(2).addLearners(3).build();
        Network n = new Network();
        for (long id = 1; id <= 3; id++) {
            n.add(id, MemoryStorage.withMembers(cs), PLAIN);
        }
        n.tick(3, 40);
        assertEquals(StateRole.FOLLOWER, n.peer(3).role(), "no election on timeout");
        n.campaign(3);
        assertEquals(StateRole.FOLLOWER, n.peer(3).role());
        assertTrue(n.peer(3).logger.lines.contains("WARN 3 is unpromotable and can not campaign"));
        n.campaign(1);
        assertEquals(StateRole.LEADER, n.peer(1).role(), "two voters, the learner does not count");
        n.send(msg(1, 3, MessageType.MsgTimeoutNow, 1).build());
        assertEquals(StateRole.FOLLOWER, n.peer(3).role(), "a learner ignores MsgTimeoutNow");
        assertEquals(n.peer(1).committed(), n.peer(3).committed(), "but it replicates the log");
    }

    /** etcd TestCandidateSelfVoteAfterLostElection: a self-vote delivered after losing is not counted. */
    @Test
    void delayedSelfVoteAfterLosingTheElectionIsNotCounted() {
        for (boolean preVote : new boolean[] {false, true}) {
            Network n = Network.of(c -> c.preVote(preVote), 1, 2, 3);
            RawNode node = n.peer(1).node;
            node.campaign();
            Ready rd = node.ready(); // the vote is being persisted...
            long term = n.raft(1).term;
            node.step(msg(2, 1, MessageType.MsgHeartbeat, Math.max(term, 1)).build()); // ...when 2 turns out to have won
            assertEquals(StateRole.FOLLOWER, n.peer(1).role());
            node.advance(rd);
            assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "preVote=" + preVote);
            assertEquals(0, n.raft(1).trk.countVotes()[0]);
        }
    }

    /** etcd TestLeaderMsgAppSelfAckAfterTermChange: a leader's late self-ack from an old term is ignored. */
    @Test
    void delayedSelfAckAfterTermChangeIsIgnored() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        RawNode node = n.peer(1).node;
        node.propose(Fixtures.bytes("x"));
        Ready rd = node.ready();
        node.step(msg(2, 1, MessageType.MsgHeartbeat, 2).build());
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        n.peer(1).storage.append(rd.entries());
        node.advance(rd);
        assertTrue(n.peer(1).logger.text().contains("1 [term: 2] ignored a MsgAppResp message with lower term from 1 [term: 1]"));
        assertEquals(1, n.peer(1).committed(), "the old term's entry was not committed by its own ack");
    }

    /** etcd TestRecvMsgVote / TestRecvMsgPreVote: same-term requests against the log [2, 2] and an existing vote. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MsgVote", "MsgPreVote"})
    void sameTermVoteRequestsAreJudgedOnLogAndExistingVote(String type) {
        MessageType msgType = MessageType.valueOf(type);
        // state, candidate index, candidate log term, our vote, expected rejection
        Object[][] cases = {
            {StateRole.FOLLOWER, 0L, 0L, 0L, true}, {StateRole.FOLLOWER, 0L, 1L, 0L, true},
            {StateRole.FOLLOWER, 0L, 2L, 0L, true}, {StateRole.FOLLOWER, 0L, 3L, 0L, false},
            {StateRole.FOLLOWER, 1L, 0L, 0L, true}, {StateRole.FOLLOWER, 1L, 1L, 0L, true},
            {StateRole.FOLLOWER, 1L, 2L, 0L, true}, {StateRole.FOLLOWER, 1L, 3L, 0L, false},
            {StateRole.FOLLOWER, 2L, 0L, 0L, true}, {StateRole.FOLLOWER, 2L, 1L, 0L, true},
            {StateRole.FOLLOWER, 2L, 2L, 0L, false}, {StateRole.FOLLOWER, 2L, 3L, 0L, false},
            {StateRole.FOLLOWER, 3L, 0L, 0L, true}, {StateRole.FOLLOWER, 3L, 1L, 0L, true},
            {StateRole.FOLLOWER, 3L, 2L, 0L, false}, {StateRole.FOLLOWER, 3L, 3L, 0L, false},
            {StateRole.FOLLOWER, 3L, 2L, 2L, false}, {StateRole.FOLLOWER, 3L, 2L, 1L, true},
            {StateRole.LEADER, 3L, 3L, 1L, true}, {StateRole.PRE_CANDIDATE, 3L, 3L, 1L, true},
            {StateRole.CANDIDATE, 3L, 3L, 1L, true},
        };
        for (Object[] c : cases) {
            Network n = Network.of(1, 2);
            n.add(1, storage(voters(1, 2), 0, 0, 2, 2), PLAIN);
            Raft r = n.raft(1);
            r.state = (StateRole) c[0];
            r.vote = (long) c[3];
            r.term = Math.max(2, (long) c[2]);
            List<Message> out = n.stepAndCollect(1, msg(2, 1, msgType, r.term).setIndex((long) c[1]).setLogTerm((long) c[2]).build());
            assertEquals(1, out.size());
            Message resp = out.get(0);
            assertEquals(msgType == MessageType.MsgVote ? MessageType.MsgVoteResp : MessageType.MsgPreVoteResp, resp.getType());
            assertEquals(c[4], resp.getReject(), java.util.Arrays.toString(c));
        }
    }
}
