package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.entry;
import static io.raftlens.raft.core.Fixtures.msg;
import static io.raftlens.raft.core.Fixtures.ofType;
import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
