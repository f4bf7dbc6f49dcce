package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What changes between etcd raft 3.5 (Fabric 2.5 to 3.1.4) and 3.6 (Fabric 3.1.5 and later): when a node counts its
 * own vote and its own appends (etcd v3.5.16 {@code raft.go} campaign/appendEntry vs etcd-io/raft v3.6.0), and the
 * lines that follow from it. The full scripts are under {@code golden/v3.5} (etcd's own testdata of v3.5.16).
 */
class EtcdRaftVersionTest {
    private static final Consumer<RaftConfig.Builder> V35 = c -> c.etcdRaftVersion(EtcdRaftVersion.V3_5);
    private static final Consumer<RaftConfig.Builder> V36 = c -> c.etcdRaftVersion(EtcdRaftVersion.V3_6);

    @Test
    void theDefaultIsTheVersionTheCoreHadBefore() {
        assertEquals(EtcdRaftVersion.V3_6, RaftConfig.builder(1, new MemoryStorage()).build().etcdRaftVersion());
    }

    @Test
    void parsesReleaseNumbersAndRefusesOthersNamingTheChoices() {
        assertEquals(EtcdRaftVersion.V3_5, EtcdRaftVersion.parse("3.5"));
        assertEquals(EtcdRaftVersion.V3_5, EtcdRaftVersion.parse("v3.5.16"));
        assertEquals(EtcdRaftVersion.V3_6, EtcdRaftVersion.parse("3.6.0"));
        assertEquals(EtcdRaftVersion.V3_6, EtcdRaftVersion.parse("V3_6"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EtcdRaftVersion.parse("3.4"));
        assertEquals("unknown etcd raft version '3.4': use 3.5 (Fabric 2.5 to 3.1.4) or 3.6 (Fabric 3.1.5 and later)",
                e.getMessage());
    }

    @Test
    void pipelinedReadysAreRefusedOn35() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RaftConfig.builder(1, new MemoryStorage())
                .etcdRaftVersion(EtcdRaftVersion.V3_5).pipelineReadies(true).build());
        assertTrue(e.getMessage().startsWith("pipelined Readys need etcd raft 3.6"), e.getMessage());
    }

    @Test
    void singleNodeWinsInsideCampaignOn35AndAfterPersistingItsVoteOn36() {
        for (boolean preVote : new boolean[] {false, true}) {
            Network n35 = Network.of(V35.andThen(c -> c.preVote(preVote)), 1);
            n35.peer(1).node.campaign();
            assertEquals(StateRole.LEADER, n35.peer(1).role(), "3.5 polls its own vote in campaign");

            Network n36 = Network.of(V36.andThen(c -> c.preVote(preVote)), 1);
            n36.peer(1).node.campaign();
            assertEquals(preVote ? StateRole.PRE_CANDIDATE : StateRole.CANDIDATE, n36.peer(1).role(),
                    "3.6 counts its own vote once the Ready that persists it is advanced");
            n36.stabilize();
            assertEquals(StateRole.LEADER, n36.peer(1).role());
        }
    }

    @Test
    void theSelfVoteIsPolledBeforeTheRequestsAndHasNoTallyOn35() {
        Network n = Network.of(V35.andThen(c -> c.preVote(true)), 1, 2, 3);
        n.peer(1).logger.lines.clear();
        n.peer(1).node.campaign();
        assertEquals(List.of(
                "1 is starting a new election at term 0",
                "1 became pre-candidate at term 0",
                "1 received MsgPreVoteResp from 1 at term 0",
                "1 [logterm: 0, index: 0] sent MsgPreVote request to 2 at term 0",
                "1 [logterm: 0, index: 0] sent MsgPreVote request to 3 at term 0"), n.peer(1).logger.text());
        n.stabilize();
        List<String> lines = n.peer(1).logger.text();
        assertTrue(lines.contains("1 has received 2 MsgPreVoteResp votes and 0 vote rejections"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("1 has received 1 ")), "no tally line for the self-vote: " + lines);
        assertEquals(StateRole.LEADER, n.peer(1).role());
    }

    @Test
    void aSingleLeaderCommitsAsItAppendsOn35AndOnceItsAppendIsDurableOn36() {
        Network n35 = Network.of(V35, 1);
        n35.campaign(1);
        long before = n35.peer(1).committed();
        n35.peer(1).node.propose(bytes("block"));
        assertEquals(before + 1, n35.raft(1).raftLog.committed, "3.5: the leader's own match moves in appendEntry");

        Network n36 = Network.of(V36, 1);
        n36.campaign(1);
        before = n36.raft(1).raftLog.committed;
        n36.peer(1).node.propose(bytes("block"));
        assertEquals(before, n36.raft(1).raftLog.committed, "3.6: the self-ack is stepped when the Ready is advanced");
        n36.stabilize();
        assertEquals(before + 1, n36.raft(1).raftLog.committed);
    }

    @Test
    void aLeaderOf35CountsItselfBeforeItsOwnWriteSoOneFollowerAckCommits() {
        Network n = Network.of(V35, 1, 2, 3);
        n.campaign(1);
        Raft leader = n.raft(1);
        long before = leader.raftLog.committed;
        n.peer(1).node.propose(bytes("block"));
        assertEquals(leader.raftLog.lastIndex(), leader.trk.get(1).match, "own match at append time, nothing persisted yet");
        n.stabilize();
        assertEquals(before + 1, leader.raftLog.committed);
    }
}
