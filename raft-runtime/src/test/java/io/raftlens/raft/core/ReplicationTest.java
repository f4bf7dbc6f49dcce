package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Log replication and commitment (Raft §5.3, §5.4.2), flow control and proposal handling. */
class ReplicationTest {
    private static final Consumer<RaftConfig.Builder> PLAIN = c -> { };

    @Test
    void newLeaderAppendsAnEmptyEntryOfItsTerm() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        List<Entry> log = n.raft(1).raftLog.allEntries();
        assertEquals(1, log.size());
        assertEquals(1, log.get(0).getTerm());
        assertTrue(log.get(0).getData().isEmpty());
        assertEquals(1, n.peer(3).committed(), "the empty entry commits on all nodes");
    }

    @Test
    void proposalsAreCommittedAndAppliedOnEveryNode() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.propose(1, "a");
        n.propose(1, "b");
        n.campaign(2);
        n.propose(2, "c");
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of(bytes("a"), bytes("b"), bytes("c")), n.peer(id).appliedData(), "node " + id);
            assertEquals(5, n.peer(id).committed());
        }
    }

    /** Raft §5.4.2 / Fig. 8: replica counting commits only entries of the leader's own term. */
    @Test
    void leaderCommitsOnlyEntriesOfItsOwnTermByCounting() {
        for (long[] c : new long[][] {{1, 0}, {2, 0}, {3, 3}}) {
            Network n = Network.of(1, 2);
            n.add(1, storage(voters(1, 2), 2, 0, 1, 2), PLAIN);
            Raft r = n.raft(1);
            r.becomeCandidate();
            r.becomeLeader(); // term 3, empty entry at index 3
            n.readMessages(1);
            n.stepAndCollect(1, msg(2, 1, MessageType.MsgAppResp, r.term).setIndex(c[0]).build());
            assertEquals(c[1], r.raftLog.committed, "ack up to " + c[0]);
        }
    }

    /** etcd TestCannotCommitWithoutNewTermEntry. */
    @Test
    void previousTermEntriesWaitForAnEntryOfTheNewTerm() {
        Network n = Network.of(1, 2, 3, 4, 5);
        n.campaign(1);
        n.cut(1, 3);
        n.cut(1, 4);
        n.cut(1, 5);
        n.propose(1, "x");
        n.propose(1, "y");
        assertEquals(1, n.peer(1).committed());
        n.recover();
        n.ignore(MessageType.MsgApp); // the new leader's empty entry does not get out
        n.campaign(2);
        assertEquals(StateRole.LEADER, n.peer(2).role());
        assertEquals(1, n.peer(2).committed(), "entries 2-3 of term 1 are on a majority but not committable yet");
        n.recover();
        n.tick(2); // heartbeat: followers answer, the leader resends its log
        n.propose(2, "z");
        assertEquals(5, n.peer(2).committed());
    }

    /** etcd TestCommitWithoutNewTermEntry. */
    @Test
    void newLeadersEmptyEntryCommitsPreviousTermEntries() {
        Network n = Network.of(1, 2, 3, 4, 5);
        n.campaign(1);
        n.cut(1, 3);
        n.cut(1, 4);
        n.cut(1, 5);
        n.propose(1, "x");
        n.propose(1, "y");
        assertEquals(1, n.peer(1).committed());
        n.recover();
        n.campaign(2);
        assertEquals(4, n.peer(2).committed());
    }

    /** Raft Fig. 7: followers with missing, extra or conflicting entries all converge to the leader's log. */
    @Test
    void followerLogsOfFigureSevenConvergeToTheLeader() {
        long[] leaderLog = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
        long[][] followers = {
            {1, 1, 1, 4, 4, 5, 5, 6, 6},
            {1, 1, 1, 4},
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6},
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7},
            {1, 1, 1, 4, 4, 4, 4},
            {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3},
        };
        for (long[] f : followers) {
            Network n = Network.of(1, 2, 3);
            MemoryStorage ls = storage(voters(1, 2, 3), 8, 0, leaderLog);
            ls.setHardState(HardState.newBuilder().setTerm(8).setCommit(leaderLog.length).build());
            n.add(1, ls, PLAIN);
            n.add(2, storage(voters(1, 2, 3), 7, 0, f), PLAIN);
            n.blackHole(3);
            n.campaign(1);
            n.send(msg(3, 1, MessageType.MsgVoteResp, 9).build());
            assertEquals(StateRole.LEADER, n.peer(1).role());
            n.propose(1, "");
            assertEquals(n.raft(1).raftLog.allEntries(), n.raft(2).raftLog.allEntries(), java.util.Arrays.toString(f));
        }
    }

    /** etcd TestFollowerCheckMsgApp: reject appends whose previous entry does not match, with a hint. */
    @Test
    void followerRejectsAppendWithMismatchedPreviousEntryAndHints() {
        // windex, reject, hint, hintTerm for (logTerm, index) probes against log [1:1, 2:2], commit 1
        long[][] cases = {
            {0, 0, 1, 0, 0, 0},
            {1, 1, 1, 0, 0, 0},
            {2, 2, 2, 0, 0, 0},
            {1, 2, 2, 1, 1, 1},
            {3, 3, 3, 1, 2, 2},
        };
        for (long[] c : cases) {
            Network n = Network.of(1, 2, 3);
            MemoryStorage ms = storage(voters(1, 2, 3), 0, 0, 1, 2);
            ms.setHardState(HardState.newBuilder().setCommit(1).build());
            n.add(1, ms, PLAIN);
            n.raft(1).becomeFollower(2, 2);
            n.readMessages(1);
            List<Message> out = n.stepAndCollect(1, msg(2, 1, MessageType.MsgApp, 2).setLogTerm(c[0]).setIndex(c[1]).build());
            Message resp = ofType(out, MessageType.MsgAppResp).get(0);
            assertEquals(c[2], resp.getIndex(), java.util.Arrays.toString(c));
            assertEquals(c[3] == 1, resp.getReject());
            assertEquals(c[4], resp.getRejectHint());
            assertEquals(c[5], resp.getLogTerm());
        }
    }

    @Test
    void followerTruncatesConflictingUncommittedSuffix() {
        Network n = Network.of(1, 2);
        n.add(1, storage(voters(1, 2), 2, 0, 1, 2, 2), PLAIN);
        n.raft(1).becomeFollower(3, 2);
        n.readMessages(1);
        n.stepAndCollect(1, msg(2, 1, MessageType.MsgApp, 3).setLogTerm(1).setIndex(1)
                .addEntries(Fixtures.entry(2, 3)).build());
        List<Entry> log = n.peer(1).storage.entries(1, n.peer(1).storage.lastIndex() + 1, Long.MAX_VALUE);
        assertEquals(List.of(Fixtures.entry(1, 1), Fixtures.entry(2, 3)), log);
        assertTrue(n.peer(1).logger.text().contains("found conflict at index 2 [existing term: 2, conflicting term: 3]"));
    }

    @Test
    void heartbeatNeverTellsAFollowerToCommitBeyondWhatItHolds() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.cut(1, 3);
        n.propose(1, "a");
        n.propose(1, "b");
        n.peer(1).node.tick();
        List<Message> beats = ofType(n.readMessages(1), MessageType.MsgHeartbeat);
        assertEquals(3, n.peer(1).committed());
        assertEquals(3, beats.stream().filter(m -> m.getTo() == 2).findFirst().orElseThrow().getCommit());
        assertEquals(1, beats.stream().filter(m -> m.getTo() == 3).findFirst().orElseThrow().getCommit(),
                "node 3 only holds index 1");
    }

    @Test
    void heartbeatResponseFromLaggingFollowerTriggersAppend() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.cut(1, 3);
        n.propose(1, "a");
        n.recover();
        n.tick(1);
        assertEquals(2, n.peer(3).committed(), "caught up through the heartbeat round trip");
    }

    @Test
    void replicateStatePipelinesWithinTheInflightWindow() {
        Network n = Network.of(c -> c.maxInflightMsgs(3), 1, 2);
        n.campaign(1);
        assertEquals(ProgressState.REPLICATE, n.peer(1).node.status().progress().get(2L).state());
        n.dropIf(m -> m.getType() == MessageType.MsgAppResp && m.getFrom() == 2);
        int appends = 0;
        for (int i = 0; i < 10; i++) {
            n.peer(1).node.propose(bytes("e" + i));
            for (Message m : n.readMessages(1)) {
                if (m.getType() == MessageType.MsgApp && m.getTo() == 2 && m.getEntriesCount() > 0) {
                    appends++;
                }
            }
        }
        assertEquals(3, appends, "three MsgApps in flight, then the window is full");
        Progress pr = n.peer(1).node.status().progress().get(2L);
        assertEquals(3, pr.inflight());
        assertEquals(ProgressState.REPLICATE, pr.state());
    }

    @Test
    void probingFollowerGetsOneAppendUntilItAnswers() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.peer(1).node.reportUnreachable(2);
        assertEquals(ProgressState.PROBE, n.peer(1).node.status().progress().get(2L).state(),
                "unreachable in replicate state: back to probing");
        n.dropIf(m -> m.getTo() == 2);
        int appends = 0;
        for (int i = 0; i < 5; i++) {
            n.peer(1).node.propose(bytes("e" + i));
            appends += (int) n.readMessages(1).stream()
                    .filter(m -> m.getType() == MessageType.MsgApp && m.getTo() == 2).count();
        }
        assertEquals(1, appends);
        n.recover();
        n.tick(1);
        assertEquals(ProgressState.REPLICATE, n.peer(1).node.status().progress().get(2L).state());
        assertEquals(n.peer(1).committed(), n.peer(2).committed());
    }

    @Test
    void followerWithForwardingDisabledDropsProposalNamingTheLeader() {
        Network n = Network.of(c -> c.disableProposalForwarding(true), 1, 2, 3);
        n.campaign(1);
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(2).node.propose(bytes("tx")));
        assertEquals(ProposalDroppedException.Reason.NOT_LEADER, e.reason());
        assertEquals(1, e.leader());
        assertEquals("not leader, leader is 1", e.getMessage());
        assertTrue(n.peer(2).logger.text().contains("2 not forwarding to leader 1 at term 1; dropping proposal"));
    }

    @Test
    void followerForwardsProposalToLeaderWhenAllowed() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.propose(2, "via follower");
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of(bytes("via follower")), n.peer(id).appliedData());
        }
    }

    @Test
    void proposalWithoutLeaderIsDropped() {
        Network n = Network.of(1, 2, 3);
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(2).node.propose(bytes("tx")));
        assertEquals(ProposalDroppedException.Reason.NO_LEADER, e.reason());
        assertEquals("no leader", e.getMessage());
        assertTrue(n.peer(2).logger.text().contains("2 no leader at term 0; dropping proposal"));

        n.blackHole(2);
        n.blackHole(3);
        n.campaign(1);
        assertEquals(StateRole.CANDIDATE, n.peer(1).role());
        assertEquals(ProposalDroppedException.Reason.NO_LEADER, assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.propose(bytes("tx"))).reason());
    }

    @Test
    void proposalsBeyondTheUncommittedSizeLimitAreDropped() {
        Network n = Network.of(c -> c.maxUncommittedEntriesSize(10), 1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        n.propose(1, "123456");
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.propose(bytes("abcdef")));
        assertEquals(ProposalDroppedException.Reason.TOO_LARGE, e.reason());
        assertTrue(n.peer(1).logger.lines.contains(
                "WARN 1 appending new entries to log would exceed uncommitted entry size limit; dropping proposal"));
        n.recover();
        n.tick(1);
        n.propose(1, "abcdef"); // the first proposal committed and was applied: room again
    }

    @Test
    void batchedProposalsAreAppendedTogether() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.peer(1).node.proposeAll(List.of(bytes("a"), bytes("b"), bytes("c")));
        List<Message> out = n.readMessages(1);
        List<Message> apps = ofType(out, MessageType.MsgApp);
        assertEquals(2, apps.size(), "one MsgApp per follower carries the whole batch");
        assertEquals(3, apps.get(0).getEntriesCount());
        n.send(out.toArray(new Message[0]));
        assertEquals(List.of(bytes("a"), bytes("b"), bytes("c")), n.peer(3).appliedData());
    }

    @Test
    void entriesCommittedOnlyOnceAMajorityAcknowledges() {
        for (int size : new int[] {1, 3, 5}) {
            for (int acceptors = 0; acceptors < size; acceptors++) {
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    ids[i] = i + 1;
                }
                Network n = Network.of(ids);
                n.campaign(1);
                for (int i = acceptors + 2; i <= size; i++) {
                    n.cut(1, i);
                }
                n.propose(1, "x");
                boolean majority = acceptors + 1 > size / 2;
                assertEquals(majority ? 2 : 1, n.peer(1).committed(), "size " + size + " acceptors " + acceptors);
            }
        }
    }
}
