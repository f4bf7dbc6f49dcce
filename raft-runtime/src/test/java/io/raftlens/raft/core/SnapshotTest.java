package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Snapshots: create and compact, send MsgSnap, install, and catch a far-behind follower up. */
class SnapshotTest {
    private static final Consumer<RaftConfig.Builder> PLAIN = c -> { };

    private static Snapshot snapshot(long index, long term, long... voters) {
        return Snapshot.newBuilder().setData(bytes("state@" + index)).setMetadata(SnapshotMetadata.newBuilder()
                .setIndex(index).setTerm(term).setConfState(voters(voters))).build();
    }

    @Test
    void followerFarBehindCatchesUpThroughASnapshot() {
        Network n = Network.of(1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        for (int i = 0; i < 10; i++) {
            n.propose(1, "e" + i);
        }
        Network.Peer lead = n.peer(1);
        long applied = lead.node.status().applied();
        assertEquals(11, applied);
        lead.storage.createSnapshot(applied, voters(1, 2, 3), bytes("state@11"));
        lead.storage.compact(applied);

        n.recover();
        n.tick(1); // heartbeat -> response -> the needed entries are compacted -> MsgSnap
        assertTrue(n.trace.stream().anyMatch(m -> m.getType() == MessageType.MsgSnap && m.getTo() == 3));
        Network.Peer f = n.peer(3);
        assertTrue(f.logger.text().contains("3 [commit: 11] restored snapshot [index: 11, term: 1]"), f.logger.text().toString());
        Ready withSnap = f.readies.stream().filter(r -> r.snapshot() != null).findFirst().orElseThrow();
        assertEquals(bytes("state@11"), withSnap.snapshot().getData());
        assertEquals(11, f.storage.snapshot().getMetadata().getIndex());

        n.propose(1, "after");
        assertEquals(12, f.committed());
        assertEquals(List.of(bytes("after")), f.appliedData(), "entries after the snapshot arrive as log entries");
        assertEquals(ProgressState.REPLICATE, lead.node.status().progress().get(3L).state());
    }

    @Test
    void staleSnapshotIsIgnored() {
        Network n = Network.of(1, 2);
        MemoryStorage ms = storage(voters(1, 2), 1, 0, 1, 1, 1, 1, 1);
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(5).build());
        n.add(2, ms, PLAIN);
        List<Message> out = n.stepAndCollect(2, msg(1, 2, MessageType.MsgSnap, 1).setSnapshot(snapshot(3, 1, 1, 2)).build());
        assertEquals(5, ofType(out, MessageType.MsgAppResp).get(0).getIndex(), "answers with its commit index");
        assertTrue(n.peer(2).logger.text().contains("2 [commit: 5] ignored snapshot [index: 3, term: 1]"));
        assertEquals(5, n.raft(2).raftLog.lastIndex());
    }

    @Test
    void snapshotWithinOurLogOnlyFastForwardsCommit() {
        Network n = Network.of(1, 2);
        MemoryStorage ms = storage(voters(1, 2), 1, 0, 1, 1, 1, 1, 1);
        ms.setHardState(HardState.newBuilder().setTerm(1).setCommit(2).build());
        n.add(2, ms, PLAIN);
        n.stepAndCollect(2, msg(1, 2, MessageType.MsgSnap, 1).setSnapshot(snapshot(4, 1, 1, 2)).build());
        assertEquals(4, n.raft(2).raftLog.committed);
        assertEquals(5, n.raft(2).raftLog.lastIndex(), "the log is kept");
        assertTrue(n.peer(2).logger.text().contains(
                "2 [commit: 2, lastindex: 5, lastterm: 1] fast-forwarded commit to snapshot [index: 4, term: 1]"));
    }

    @Test
    void restoredSnapshotReplacesLogAndMembership() {
        Network n = Network.of(1, 2);
        n.stepAndCollect(2, msg(1, 2, MessageType.MsgSnap, 2).setSnapshot(snapshot(11, 2, 1, 2, 3)).build());
        Raft r = n.raft(2);
        assertEquals(11, r.raftLog.lastIndex());
        assertEquals(2, r.raftLog.lastTerm());
        assertEquals(11, r.raftLog.committed);
        assertEquals(voters(1, 2, 3), r.trk.confState());
        assertEquals(11, n.peer(2).storage.snapshot().getMetadata().getIndex());
        assertEquals(11, r.raftLog.applied, "the driver applied the snapshot");
        assertEquals(1, r.lead, "MsgSnap comes from the leader");
    }

    @Test
    void snapshotNotSentToInactiveFollower() {
        for (boolean active : new boolean[] {true, false}) {
            MemoryStorage ms = new MemoryStorage();
            ms.applySnapshot(snapshot(11, 11, 1, 2));
            Network n = Network.of(1, 2);
            n.add(1, ms, PLAIN);
            Raft r = n.raft(1);
            r.becomeCandidate();
            r.becomeLeader();
            n.readMessages(1);
            PeerProgress pr = r.trk.get(2);
            pr.next = r.raftLog.firstIndex() - 1; // needs entries that were compacted
            pr.recentActive = active;
            pr.becomeProbe();
            pr.next = r.raftLog.firstIndex() - 1;
            n.peer(1).node.propose(bytes("somedata"));
            List<Message> snaps = ofType(n.readMessages(1), MessageType.MsgSnap);
            assertEquals(active ? 1 : 0, snaps.size(), "recently active: " + active);
            if (active) {
                assertEquals(11, snaps.get(0).getSnapshot().getMetadata().getIndex());
                assertEquals(ProgressState.SNAPSHOT, pr.state);
            }
        }
    }

    @Test
    void reportedSnapshotOutcomeResumesProbing() {
        for (boolean failed : new boolean[] {false, true}) {
            MemoryStorage ms = new MemoryStorage();
            ms.applySnapshot(snapshot(11, 11, 1, 2));
            Network n = Network.of(1, 2);
            n.add(1, ms, PLAIN);
            Raft r = n.raft(1);
            r.becomeCandidate();
            r.becomeLeader();
            n.readMessages(1);
            r.trk.get(2).becomeSnapshot(11);
            n.peer(1).node.reportSnapshot(2, failed);
            PeerProgress pr = r.trk.get(2);
            assertEquals(ProgressState.PROBE, pr.state);
            assertEquals(failed ? 1 : 12, pr.next, "a failed snapshot is not assumed installed");
            assertTrue(pr.isPaused(), "wait for the follower before sending more");
        }
    }

    @Test
    void nodeRestartsFromSnapshotWithoutReapplyingIt() {
        MemoryStorage ms = new MemoryStorage();
        ms.applySnapshot(snapshot(10, 2, 1, 2));
        ms.append(List.of(Fixtures.entry(11, 2, "a"), Fixtures.entry(12, 2, "b")));
        ms.setHardState(HardState.newBuilder().setTerm(2).setVote(1).setCommit(12).build());
        RecordingLogger logger = new RecordingLogger();
        RawNode node = new RawNode(RaftConfig.builder(1, ms).logger(logger).build());
        assertTrue(logger.text().contains("newRaft 1 [peers: [1,2], term: 2, commit: 12, applied: 10, lastindex: 12, lastterm: 2]"));
        Ready rd = node.ready();
        assertEquals(List.of(Fixtures.entry(11, 2, "a"), Fixtures.entry(12, 2, "b")), rd.committedEntries());
        assertEquals(List.<Entry>of(), rd.entries(), "nothing new to persist");
        assertEquals(null, rd.hardState(), "the persisted hard state is unchanged");
        node.advance(rd);
        assertEquals(12, node.status().applied());
    }

    @Test
    void snapshotReadyIsPersistedBeforeEntriesThatFollowIt() {
        Network n = Network.of(1, 2);
        n.peer(2).node.step(msg(1, 2, MessageType.MsgSnap, 2).setSnapshot(snapshot(11, 2, 1, 2)).build());
        Ready rd = n.peer(2).node.ready();
        assertNotNull(rd.snapshot());
        assertEquals(11, rd.hardState().getCommit());
        assertTrue(rd.committedEntries().isEmpty(), "a snapshot in flight holds back application of entries");
        assertEquals(11, ofType(rd.messages(), MessageType.MsgAppResp).get(0).getIndex());
    }
}
