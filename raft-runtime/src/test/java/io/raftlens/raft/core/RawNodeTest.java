package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.entry;
import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver-facing contract of {@link RawNode}: Ready/advance, restart, status, errors. */
class RawNodeTest {

    private static void handle(MemoryStorage ms, RawNode node, Ready rd) throws Exception {
        ms.append(rd.entries());
        if (rd.hardState() != null) {
            ms.setHardState(rd.hardState());
        }
        for (var e : rd.committedEntries()) {
            if (e.getType() == EntryType.EntryConfChange) {
                node.applyConfChange(ConfChange.parseFrom(e.getData()));
            }
        }
        node.advance(rd);
    }

    @Test
    void bootstrappedSingleNodeElectsItselfAndCommitsAProposal() throws Exception {
        MemoryStorage ms = new MemoryStorage();
        RawNode node = new RawNode(RaftConfig.builder(1, ms).logger(new RecordingLogger()).build());
        node.bootstrap(List.of(1L));

        Ready rd = node.ready();
        assertEquals(HardState.newBuilder().setTerm(1).setCommit(1).build(), rd.hardState());
        assertEquals(1, rd.entries().size());
        assertEquals(EntryType.EntryConfChange, rd.entries().get(0).getType());
        assertEquals(rd.entries(), rd.committedEntries(), "bootstrap entries are committed at once");
        assertTrue(rd.mustSync());
        handle(ms, node, rd);
        assertFalse(node.hasReady());

        node.campaign();
        rd = node.ready();
        assertEquals(HardState.newBuilder().setTerm(2).setVote(1).setCommit(1).build(), rd.hardState());
        assertEquals(new SoftState(0, StateRole.CANDIDATE), rd.softState());
        handle(ms, node, rd); // the persisted self-vote wins the election
        assertEquals(StateRole.LEADER, node.status().role());

        rd = node.ready();
        assertEquals(new SoftState(1, StateRole.LEADER), rd.softState());
        assertEquals(List.of(entry(2, 2)), rd.entries(), "the new leader's empty entry");
        handle(ms, node, rd);

        node.propose(bytes("foo"));
        rd = node.ready();
        assertEquals(List.of(entry(2, 2)), rd.committedEntries());
        assertEquals(List.of(entry(3, 2, "foo")), rd.entries());
        handle(ms, node, rd);
        rd = node.ready();
        assertEquals(List.of(entry(3, 2, "foo")), rd.committedEntries());
        assertEquals(3, rd.hardState().getCommit());
        assertFalse(rd.mustSync(), "a commit-index change alone needs no fsync");
        handle(ms, node, rd);
        assertFalse(node.hasReady());
    }

    @Test
    void bootstrapRefusesNonEmptyStorageAndEmptyPeers() {
        MemoryStorage ms = new MemoryStorage();
        ms.append(List.of(entry(1, 1)));
        RawNode node = new RawNode(RaftConfig.builder(1, ms).logger(new RecordingLogger()).build());
        assertEquals("can't bootstrap a nonempty Storage",
                assertThrows(IllegalStateException.class, () -> node.bootstrap(List.of(1L))).getMessage());
        RawNode fresh = new RawNode(RaftConfig.builder(1, new MemoryStorage()).logger(new RecordingLogger()).build());
        assertThrows(IllegalArgumentException.class, () -> fresh.bootstrap(List.of()));
    }

    @Test
    void restartResumesFromPersistedHardStateAndLog() {
        MemoryStorage ms = Fixtures.storage(voters(1, 2), 1, 0, 1, 1);
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(1).build());
        RawNode node = new RawNode(RaftConfig.builder(1, ms).logger(new RecordingLogger()).build());
        Ready rd = node.ready();
        assertNull(rd.hardState(), "unchanged since it was persisted");
        assertTrue(rd.entries().isEmpty());
        assertEquals(List.of(entry(1, 1)), rd.committedEntries());
        assertFalse(rd.mustSync());
        node.advance(rd);
        assertFalse(node.hasReady());
        assertEquals(1, node.status().applied());
        assertEquals(1, node.status().term());
    }

    @Test
    void restartWithAppliedIndexSkipsAppliedEntries() {
        MemoryStorage ms = Fixtures.storage(voters(1, 2), 1, 0, 1, 1, 1);
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(3).build());
        RawNode node = new RawNode(RaftConfig.builder(1, ms).applied(2).logger(new RecordingLogger()).build());
        assertEquals(List.of(entry(3, 1)), node.ready().committedEntries());
    }

    @Test
    void localMessagesCannotBeSteppedFromTheNetwork() {
        RawNode node = new RawNode(RaftConfig.builder(1, MemoryStorage.withMembers(voters(1, 2))).logger(new RecordingLogger()).build());
        for (MessageType t : List.of(MessageType.MsgHup, MessageType.MsgBeat, MessageType.MsgUnreachable,
                MessageType.MsgSnapStatus, MessageType.MsgCheckQuorum)) {
            StepLocalMessageException e = assertThrows(StepLocalMessageException.class,
                    () -> node.step(msg(2, 1, t, 0).build()), t.toString());
            assertEquals("raft: cannot step raft local message", e.getMessage());
        }
    }

    @Test
    void responsesFromUnknownPeersAreDropped() {
        Network n = Network.of(1, 2);
        n.campaign(1);
        n.peer(1).node.step(msg(9, 1, MessageType.MsgAppResp, 1).setIndex(100).build());
        assertEquals(StateRole.LEADER, n.peer(1).role());
        assertFalse(n.peer(1).node.status().progress().containsKey(9L));
    }

    @Test
    void secondReadyWithoutAdvanceIsAnError() {
        Network n = Network.of(1, 2);
        n.peer(1).node.campaign();
        n.peer(1).node.ready();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.peer(1).node.ready());
        assertEquals("two accepted Ready structs without call to Advance", e.getMessage());
    }

    @Test
    void statusShowsProgressOnTheLeaderOnly() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.propose(1, "x");
        Status leader = n.peer(1).node.status();
        assertEquals(StateRole.LEADER, leader.role());
        assertEquals(1, leader.leader());
        assertEquals(1, leader.term());
        assertEquals(1, leader.vote());
        assertEquals(2, leader.commit());
        assertEquals(2, leader.applied());
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(leader.progress().keySet()));
        assertEquals(new Progress(2, 3, ProgressState.REPLICATE, true, 0, false), leader.progress().get(2L));
        Status follower = n.peer(2).node.status();
        assertEquals(StateRole.FOLLOWER, follower.role());
        assertEquals(1, follower.leader());
        assertTrue(follower.progress().isEmpty());
    }

    @Test
    void leaderChangesAreLoggedLikeEtcdNodeRun() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        for (long id = 1; id <= 3; id++) {
            assertTrue(n.peer(id).logger.text().contains("raft.node: " + id + " elected leader 1 at term 1"), "node " + id);
        }
        n.cut(2, 3);
        n.campaign(2);
        assertTrue(n.peer(1).logger.text().contains("raft.node: 1 lost leader 1 at term 2"));
        assertTrue(n.peer(1).logger.text().contains("raft.node: 1 elected leader 2 at term 2"));
        n.recover();
        n.tick(2);
        assertTrue(n.peer(3).logger.text().contains("raft.node: 3 changed leader from 1 to 2 at term 2"),
                n.peer(3).logger.text().toString());
    }

    @Test
    void commitOnlyHardStateChangeNeedsNoSync() {
        Network n = Network.of(1, 2);
        n.campaign(1);
        n.cut(1, 2);
        n.propose(1, "x");
        n.peer(2).node.step(msg(1, 2, MessageType.MsgApp, 1).setIndex(1).setLogTerm(1)
                .addEntries(entry(2, 1, "x")).setCommit(1).build());
        n.processReady(n.peer(2));
        n.peer(2).node.step(msg(1, 2, MessageType.MsgHeartbeat, 1).setCommit(2).build());
        Ready rd = n.peer(2).node.ready();
        assertNotNull(rd.hardState());
        assertEquals(2, rd.hardState().getCommit());
        assertFalse(rd.mustSync());
        n.peer(2).node.advance(rd);
    }

    @Test
    void configIsValidatedWithEtcdMessages() {
        MemoryStorage ms = new MemoryStorage();
        assertEquals("cannot use none as id", assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.builder(0, ms).build()).getMessage());
        assertEquals("heartbeat tick must be greater than 0", assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.builder(1, ms).heartbeatTick(0).build()).getMessage());
        assertEquals("election tick must be greater than heartbeat tick", assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.builder(1, ms).electionTick(2).heartbeatTick(2).build()).getMessage());
        assertEquals("storage cannot be nil", assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.builder(1, null).build()).getMessage());
        assertEquals("max inflight messages must be greater than 0", assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.builder(1, ms).maxInflightMsgs(0).build()).getMessage());
        RaftConfig c = RaftConfig.builder(1, ms).build();
        assertEquals(10, c.electionTick());
        assertEquals(1, c.heartbeatTick());
        assertEquals(RaftConfig.NO_LIMIT, c.maxUncommittedEntriesSize());
        assertFalse(c.preVote());
        assertFalse(c.checkQuorum());
    }

    @Test
    void nodeIdsAreLoggedInHex() {
        Network n = Network.of(10, 11, 12);
        n.campaign(10);
        assertTrue(n.peer(10).logger.text().contains("a became leader at term 1"));
        assertTrue(n.peer(11).logger.text().contains("raft.node: b elected leader a at term 1"));
        assertEquals("ff", RaftIds.hex(255));
    }
}
