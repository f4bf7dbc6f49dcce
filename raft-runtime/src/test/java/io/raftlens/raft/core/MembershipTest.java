package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.HardState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Membership changes, one consenter at a time as Fabric requires. */
class MembershipTest {

    private static ConfChange add(long id) {
        return ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode).setNodeId(id).build();
    }

    private static ConfChange remove(long id) {
        return ConfChange.newBuilder().setType(ConfChangeType.ConfChangeRemoveNode).setNodeId(id).build();
    }

    @Test
    void secondConfChangeIsRejectedUntilTheFirstIsApplied() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(1);
        n.proposeConfChange(1, add(4));
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.proposeConfChange(add(5)));
        assertEquals(ProposalDroppedException.Reason.CONF_CHANGE_PENDING, e.reason());
        assertTrue(e.getMessage().contains("change one consenter at a time"), e.getMessage());
        assertTrue(n.peer(1).logger.text().contains("1 ignoring conf change {ConfChangeAddNode 5 [] 0} at config voters=(1 2 3): "
                + "possible unapplied conf change at index 2 (applied to 1)"));

        n.recover();
        n.tick(1);
        assertEquals(voters(1, 2, 3, 4), n.raft(1).trk.confState(), "the first change committed and was applied");
        n.proposeConfChange(1, add(5));
        assertEquals(voters(1, 2, 3, 4, 5), n.raft(1).trk.confState());
    }

    @Test
    void newLeaderAcceptsNoConfChangeUntilItsLogIsApplied() {
        MemoryStorage ms = Fixtures.storage(voters(1, 2), 1, 0, 1, 1);
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(2).build());
        Network n = Network.of(1, 2);
        n.add(1, ms, c -> { });
        Raft r = n.raft(1);
        r.becomeCandidate();
        r.becomeLeader();
        assertEquals(2, r.pendingConfIndex);
        assertThrows(ProposalDroppedException.class, () -> n.peer(1).node.proposeConfChange(add(3)));
        n.readMessages(1); // applies 1..2
        n.peer(1).node.proposeConfChange(add(3));
        assertEquals(4, r.pendingConfIndex);
    }

    @Test
    void addedNodeCatchesUpAndCountsInTheQuorum() {
        // Bootstrapped like a new Fabric channel: the log starts with one AddNode entry per consenter.
        Network n = new Network();
        for (long id = 1; id <= 3; id++) {
            n.add(id, new MemoryStorage(), c -> { }).node.bootstrap(List.of(1L, 2L, 3L));
        }
        n.stabilize();
        n.campaign(1);
        n.propose(1, "before");
        n.add(4, new MemoryStorage(), c -> { }); // a new consenter: knows nothing yet
        n.proposeConfChange(1, add(4));
        for (long id = 1; id <= 4; id++) {
            assertEquals(voters(1, 2, 3, 4), n.raft(id).trk.confState(), "node " + id);
            assertEquals(n.peer(1).committed(), n.peer(id).committed(), "node " + id);
        }
        assertTrue(n.peer(4).logger.text().contains("4 switched to configuration voters=(1 2 3 4)"));
        n.isolate(3);
        n.isolate(4);
        long before = n.peer(1).committed();
        n.propose(1, "needs 3 of 4");
        assertEquals(before, n.peer(1).committed(), "two of four is no longer a quorum");
    }

    @Test
    void removingANodeShrinksTheQuorumAndCommitsWhatIsNowReplicated() {
        Network n = Network.of(1, 2);
        n.campaign(1);
        n.cut(1, 2);
        n.propose(1, "x");
        assertEquals(1, n.peer(1).committed());
        n.peer(1).node.applyConfChange(remove(2));
        assertEquals(2, n.peer(1).committed(), "a single voter commits on its own");
        assertFalse(n.peer(1).node.status().progress().containsKey(2L));
    }

    @Test
    void removedLeaderStepsDownAndTheOthersElectANewOne() {
        // etcd's confchange_v1_remove_leader_stepdown.txt: StepDownOnRemoval set.
        Network n = Network.of(b -> b.stepDownOnRemoval(true), 1, 2, 3);
        n.campaign(1);
        n.proposeConfChange(1, remove(1));
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        assertEquals(voters(2, 3), n.raft(2).trk.confState());
        for (int i = 0; i < 30 && n.leaders().isEmpty(); i++) {
            n.tickAll();
        }
        assertEquals(1, n.leaders().size());
        assertTrue(n.leaders().get(0) != 1);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "a removed node never campaigns");
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.propose(Fixtures.bytes("tx")));
        assertEquals(ProposalDroppedException.Reason.NOT_MEMBER, e.reason());
        assertEquals("node 1 is not a member of the cluster", e.getMessage());
    }

    /**
     * etcd's confchange_v1_remove_leader.txt, the setting Fabric runs (StepDownOnRemoval unset): the removed
     * leader keeps leading and replicating, drops new proposals, and the remaining voters commit without it.
     * Before issue 14 the core always stepped down.
     */
    @Test
    void removedLeaderKeepsLeadingWithoutStepDownOnRemovalAndDropsProposals() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.proposeConfChange(1, remove(1));
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertEquals(voters(2, 3), n.raft(1).trk.confState());
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.propose(Fixtures.bytes("tx")));
        assertEquals(ProposalDroppedException.Reason.NOT_MEMBER, e.reason());
        for (int i = 0; i < 5; i++) {
            n.tickAll();
        }
        assertEquals(List.of(1L), n.leaders(), "still the only leader while the application keeps it running");
    }

    @Test
    void nodeWithUnappliedConfChangeRefusesToCampaign() {
        MemoryStorage ms = Fixtures.storage(voters(1, 2), 1, 0);
        ms.append(List.of(Entry.newBuilder().setIndex(1).setTerm(1).setType(EntryType.EntryConfChange)
                .setData(add(3).toByteString()).build()));
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(1).build());
        RecordingLogger logger = new RecordingLogger();
        RawNode node = new RawNode(RaftConfig.builder(1, ms).logger(logger).build());
        node.campaign();
        assertEquals(StateRole.FOLLOWER, node.status().role());
        assertTrue(logger.lines.contains(
                "WARN 1 cannot campaign at term 1 since there are still pending configuration changes to apply"));
        Ready rd = node.ready();
        node.applyConfChange(add(3));
        node.advance(rd);
        node.campaign();
        assertEquals(StateRole.CANDIDATE, node.status().role());
    }

    @Test
    void addingANodeDoesNotMakeTheLeaderStepDownRightAway() {
        Network n = Network.of(c -> c.checkQuorum(true), 1);
        n.campaign(1);
        n.tick(1, 10 - 1);
        n.peer(1).node.applyConfChange(add(2));
        n.tick(1);
        assertEquals(StateRole.LEADER, n.peer(1).role(), "a new peer starts out counted as active");
        n.tick(1, 10);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role(), "but it must answer within the next check");
    }

    @Test
    void removingTheLastVoterIsRefused() {
        Network n = Network.of(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.peer(1).node.applyConfChange(remove(1)));
        assertEquals("removed all voters", e.getMessage());
    }

    @Test
    void forwardedConfChangeWhilePendingBecomesAnEmptyEntry() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.cut(1, 3);
        n.cut(2, 3);
        n.dropIf(m -> m.getType() == io.raftlens.raft.core.pb.MessageType.MsgAppResp);
        n.proposeConfChange(1, add(4));
        n.peer(2).node.proposeConfChange(add(5)); // forwarded: nobody to throw to
        n.stabilize();
        Entry last = n.raft(1).raftLog.allEntries().get((int) n.raft(1).raftLog.lastIndex() - 1);
        assertEquals(EntryType.EntryNormal, last.getType());
        assertTrue(last.getData().isEmpty());
    }
}
