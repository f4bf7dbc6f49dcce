package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.entry;
import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipelined Readys (etcd's asynchronous storage writes): the driver takes the next Ready while earlier ones are
 * still being persisted, and advances them in order once durable. The leader counts its own entries only when
 * they are durable (Raft thesis §10.2.1), but may commit on a quorum of followers before that.
 */
class PipelinedReadyTest {

    private final MemoryStorage ms = storage(voters(1, 2, 3), 1, 0);

    private RawNode node(boolean pipelined) {
        return new RawNode(RaftConfig.builder(1, ms).pipelineReadies(pipelined).logger(new RecordingLogger()).build());
    }

    private void persist(Ready rd) {
        ms.append(rd.entries());
        if (rd.hardState() != null) {
            ms.setHardState(rd.hardState());
        }
    }

    /** Node 1 wins term 2 with node 2's vote; returns the Ready holding its empty leader entry, not yet persisted. */
    private Ready electLeader(RawNode n) {
        n.campaign();
        Ready vote = n.ready();
        persist(vote);
        n.advance(vote);
        n.step(msg(2, 1, MessageType.MsgVoteResp, 2).build());
        assertEquals(StateRole.LEADER, n.status().role());
        Ready rd = n.ready();
        assertEquals(List.of(entry(1, 2)), rd.entries());
        return rd;
    }

    private static Message appResp(long from, long index) {
        return msg(from, 1, MessageType.MsgAppResp, 2).setIndex(index).build();
    }

    @Test
    void withoutPipeliningASecondReadyBeforeAdvanceIsRefused() {
        RawNode n = node(false);
        electLeader(n);
        n.propose(bytes("a"));
        IllegalStateException e = assertThrows(IllegalStateException.class, n::ready);
        assertEquals("two accepted Ready structs without call to Advance", e.getMessage());
    }

    @Test
    void leaderReplicatesNewEntriesWhileItsOwnWriteIsInFlight() {
        RawNode n = node(true);
        electLeader(n);
        n.step(appResp(2, 1));
        n.step(appResp(3, 1)); // both followers now replicate
        n.propose(bytes("a"));

        Ready second = n.ready(); // the leader's fsync of entry 1 has not finished
        assertEquals(List.of(entry(2, 2, "a")), second.entries());
        List<Message> apps = ofType(second.messages(), MessageType.MsgApp).stream()
                .filter(m -> m.getEntriesList().equals(List.of(entry(2, 2, "a")))).toList();
        assertEquals(List.of(2L, 3L), apps.stream().map(Message::getTo).toList(), "entry 2 goes out at once");
    }

    @Test
    void leaderCountsItselfOnlyOnceDurableButAQuorumOfFollowersCommits() {
        RawNode n = node(true);
        Ready first = electLeader(n);

        n.step(appResp(2, 1));
        assertEquals(0, n.status().commit(), "one follower plus a leader whose write is in flight is not a quorum");
        assertEquals(0, n.status().progress().get(1L).match());

        n.step(appResp(3, 1));
        assertEquals(1, n.status().commit(), "two followers of three are a quorum without the leader");

        Ready second = n.ready();
        assertEquals(List.of(entry(1, 2)), second.committedEntries(),
                "committed while the Ready holding it is in flight; applied once that Ready is durable");

        persist(first);
        n.advance(first);
        assertEquals(1, n.status().progress().get(1L).match(), "the leader's own ack once durable");
        persist(second);
        n.advance(second);
        assertEquals(1, n.status().applied());
    }

    @Test
    void readysAreAdvancedInTheOrderTheyWereTaken() {
        RawNode n = node(true);
        Ready first = electLeader(n);
        n.step(appResp(2, 1));
        n.propose(bytes("a"));
        Ready second = n.ready();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.advance(second));
        assertEquals("Readys must be advanced in the order they were taken", e.getMessage());

        persist(first);
        n.advance(first);
        persist(second);
        n.advance(second);
        assertEquals(2, n.status().progress().get(1L).match());
        n.step(appResp(2, 2));
        assertEquals(2, n.status().commit(), "leader and follower 2 hold entry 2 durably");
    }

    /**
     * etcd's {@code async_storage_writes_append_aba_race.txt} on a follower (the audit's probe, gap 3): an append
     * made durable under term 1 must not drop from the unstable log an entry at the same index that a term-3
     * leader re-sent since (it is identical to the term-1 one, but a term-2 entry was written in between). Before
     * the term guard, R1's advance dropped {@code 2/1} from the unstable log, R3 persisted only {@code 3/3} and
     * node 2 applied the term-2 entry that no quorum committed.
     */
    @Test
    void anOlderTermsDurableAppendDoesNotStabilizeAnEntryRewrittenSince() {
        MemoryStorage fs = new MemoryStorage();
        fs.applySnapshot(io.raftlens.raft.core.pb.Snapshot.newBuilder().setMetadata(
                io.raftlens.raft.core.pb.SnapshotMetadata.newBuilder().setIndex(1).setTerm(1)
                        .setConfState(voters(1, 2, 3, 4, 5))).build());
        fs.setHardState(io.raftlens.raft.core.pb.HardState.newBuilder().setTerm(1).setVote(1).setCommit(1).build());
        RecordingLogger logger = new RecordingLogger();
        RawNode b = new RawNode(RaftConfig.builder(2, fs).preVote(true).checkQuorum(true).pipelineReadies(true)
                .logger(logger).build());
        java.util.List<io.raftlens.raft.core.pb.Entry> wal = new java.util.ArrayList<>();
        java.util.List<io.raftlens.raft.core.pb.Entry> applied = new java.util.ArrayList<>();
        java.util.function.Consumer<Ready> persistAndAdvance = rd -> {
            if (rd.hardState() != null) {
                fs.setHardState(rd.hardState());
            }
            if (!rd.entries().isEmpty()) {
                fs.append(rd.entries());
                wal.addAll(rd.entries());
            }
            applied.addAll(rd.committedEntries());
            b.advance(rd);
        };

        b.step(msg(1, 2, MessageType.MsgApp, 1).setIndex(1).setLogTerm(1).setCommit(1)
                .addEntries(entry(2, 1, "from-1@t1")).build());
        Ready r1 = b.ready();
        b.step(msg(3, 2, MessageType.MsgApp, 2).setIndex(1).setLogTerm(1).setCommit(1)
                .addEntries(entry(2, 2, "from-3@t2")).build());
        Ready r2 = b.ready();
        b.step(msg(1, 2, MessageType.MsgApp, 3).setIndex(1).setLogTerm(1).setCommit(1)
                .addEntries(entry(2, 1, "from-1@t1")).addEntries(entry(3, 3)).build());
        persistAndAdvance.accept(r1); // R1's fsync completes before the next Ready is taken
        Ready r3 = b.ready();
        assertEquals(List.of(entry(2, 1, "from-1@t1"), entry(3, 3)), r3.entries(),
                "the re-sent term-1 entry must be written again: R2 overwrites it on disk");
        persistAndAdvance.accept(r2);
        persistAndAdvance.accept(r3);
        assertEquals(List.of(entry(2, 1, "from-1@t1"), entry(2, 2, "from-3@t2"), entry(2, 1, "from-1@t1"), entry(3, 3)),
                wal, "WAL replay order");
        assertEquals(1, fs.term(2));

        b.step(msg(1, 2, MessageType.MsgHeartbeat, 3).setCommit(3).build());
        while (b.hasReady()) {
            persistAndAdvance.accept(b.ready());
        }
        assertEquals(List.of(entry(2, 1, "from-1@t1"), entry(3, 3)), applied);
        assertTrue(logger.lines.stream().anyMatch(l -> l.contains(
                "2 [term: 3] ignored entry appends from a MsgStorageAppendResp message with lower term [term: 1]")),
                () -> String.join("\n", logger.lines));
    }
}
