package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leadership transfer (Raft thesis §3.10): MsgTransferLeader, MsgTimeoutNow, abort after an election timeout. */
class LeaderTransferTest {

    private static void assertTransferDone(Network n, long node, StateRole role, long lead) {
        Raft r = n.raft(node);
        assertEquals(role, r.state);
        assertEquals(lead, r.lead);
        assertEquals(0, r.leadTransferee, "no transfer pending");
    }

    @Test
    void transferToUpToDateNodeAndBack() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.transferLeader(1, 2);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 2);
        assertEquals(StateRole.LEADER, n.peer(2).role());
        assertEquals(2, n.peer(2).term(), "the transferee campaigns at the next term");
        assertEquals(List.of(
                "1 [term 1] starts to transfer leadership to 2",
                "1 sends MsgTimeoutNow to 2 immediately as 2 already has up-to-date log"),
                n.peer(1).logger.text().stream().filter(l -> l.contains("transfer") || l.contains("MsgTimeoutNow")).toList());
        assertTrue(n.peer(2).logger.text().contains(
                "2 [term 1] received MsgTimeoutNow from 1 and starts an election to get leadership."));

        n.propose(2, "x");
        n.transferLeader(2, 1);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void transferRequestedOnFollowerIsForwardedToLeader() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.transferLeader(2, 2);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 2);
        assertEquals(StateRole.LEADER, n.peer(2).role());
    }

    @Test
    void transferWorksWhileFollowersHoldLeases() {
        Network n = Network.of(c -> c.checkQuorum(true).preVote(true), 1, 2, 3);
        n.campaign(1);
        n.transferLeader(1, 2);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 2);
        assertEquals(StateRole.LEADER, n.peer(2).role(), "CampaignTransfer votes bypass the leases");
    }

    @Test
    void transferToSlowFollowerCatchesItUpFirst() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.propose(1, "x");
        n.recover();
        assertEquals(1, n.peer(1).node.status().progress().get(3L).match());
        n.transferLeader(1, 3);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 3);
        assertTrue(n.peer(1).logger.text().contains("1 sent MsgTimeoutNow to 3 after received MsgAppResp"));
    }

    @Test
    void transferToFollowerThatNeedsASnapshot() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.propose(1, "x");
        Network.Peer lead = n.peer(1);
        long applied = lead.node.status().applied();
        lead.storage.createSnapshot(applied, voters(1, 2, 3), ByteString.EMPTY);
        lead.storage.compact(applied);
        n.recover();
        n.transferLeader(1, 3);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 3);
        assertEquals(StateRole.LEADER, n.peer(3).role());
    }

    @Test
    void transferToUnreachableNodeIsAbortedAfterAnElectionTimeout() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        assertEquals(3, n.raft(1).leadTransferee);
        assertEquals(3, n.peer(1).node.status().leadTransferee());
        n.tick(1, 1);
        assertEquals(3, n.raft(1).leadTransferee, "still waiting after a heartbeat");
        n.tick(1, 10 - 1);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void proposalsAreDroppedDuringTransfer() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        ProposalDroppedException e = assertThrows(ProposalDroppedException.class,
                () -> n.peer(1).node.propose(bytes("tx")));
        assertEquals(ProposalDroppedException.Reason.LEADER_TRANSFER_IN_PROGRESS, e.reason());
        assertEquals("leadership transfer to 3 in progress", e.getMessage());
        assertEquals(1, n.peer(1).node.status().progress().get(1L).match(), "nothing was appended");
    }

    @Test
    void higherTermElectionDuringTransferWins() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        n.campaign(2);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 2);
    }

    @Test
    void transferToSelfOrNonMemberIsIgnored() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.transferLeader(1, 1);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
        n.transferLeader(1, 4);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void secondTransferToAnotherNodeReplacesTheFirst() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        n.transferLeader(1, 2);
        assertTransferDone(n, 1, StateRole.FOLLOWER, 2);
        assertTrue(n.peer(1).logger.text().contains("1 [term 1] abort previous transferring leadership to 3"));
    }

    @Test
    void transferBackToTheLeaderAbortsTransfer() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        n.transferLeader(1, 1);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void repeatedTransferToSameNodeDoesNotExtendTheTimeout() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        n.tick(1, 1);
        n.transferLeader(1, 3);
        assertTrue(n.peer(1).logger.text().contains(
                "1 [term 1] transfer leadership to 3 is in progress, ignores request to same node 3"));
        n.tick(1, 10 - 1);
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void removingTheTransfereeAbortsTransfer() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.transferLeader(1, 3);
        n.peer(1).node.applyConfChange(ConfChange.newBuilder().setType(ConfChangeType.ConfChangeRemoveNode).setNodeId(3).build());
        assertTransferDone(n, 1, StateRole.LEADER, 1);
    }

    @Test
    void candidateIgnoresTimeoutNow() {
        Network n = Network.of(1, 2, 3);
        n.blackHole(2);
        n.blackHole(3);
        n.campaign(1);
        n.send(Fixtures.msg(2, 1, io.raftlens.raft.core.pb.MessageType.MsgTimeoutNow, 1).build());
        assertEquals(StateRole.CANDIDATE, n.peer(1).role());
        assertEquals(1, n.peer(1).term());
    }
}
