package io.raftlens.raft.node;

import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.wal.RaftDisk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fabric's three starts of a chain's Raft node, and the etcd raft configuration Fabric gives it. */
class ChainRecoveryTest {

    private static final ChainOptions OPTIONS = new ChainOptions("mychannel", List.of(1L, 2L, 3L), Duration.ofMillis(100),
            10, 1, 5, 16L << 20, 10, 10 << 20, 2 << 20, Duration.ofSeconds(2));

    private static final RaftLogger QUIET = new RaftLogger() {
        @Override public void debug(String line) { }
        @Override public void info(String line) { }
        @Override public void warn(String line) { }
        @Override public void error(String line) { }
        @Override public boolean isDebugEnabled() { return false; }
    };

    private static RaftDisk.Recovered nothing() {
        return new RaftDisk.Recovered(true, null, null, List.of());
    }

    @Test
    void withoutRaftStateAtGenesisTheNodeBootstrapsTheChannel() {
        ChainRecovery.Recovered r = ChainRecovery.recover(nothing(), 1, OPTIONS.consenterIds());
        assertEquals(ChainRecovery.Mode.FRESH, r.mode());
        assertEquals(List.of(1L, 2L, 3L), r.confState().getVotersList());
    }

    @Test
    void withoutRaftStatePastGenesisTheNodeJoinsWithNoVotersOfItsOwn() {
        ChainRecovery.Recovered r = ChainRecovery.recover(nothing(), 7, OPTIONS.consenterIds());
        assertEquals(ChainRecovery.Mode.JOIN, r.mode());
        assertEquals(List.of(), r.confState().getVotersList());
    }

    @Test
    void raftStateOnDiskIsARestartWithTheLogInTheStorage() {
        HardState hs = HardState.newBuilder().setTerm(3).setVote(2).setCommit(2).build();
        List<Entry> log = List.of(Entry.newBuilder().setIndex(1).setTerm(1).build(),
                Entry.newBuilder().setIndex(2).setTerm(3).build());
        ChainRecovery.Recovered r = ChainRecovery.recover(new RaftDisk.Recovered(false, hs, null, log), 1, OPTIONS.consenterIds());
        assertEquals(ChainRecovery.Mode.RESTART, r.mode());
        assertEquals(2, r.commitIndex());
        assertEquals(2, r.storage().lastIndex());
        assertEquals(hs, r.storage().initialState().hardState());
    }

    @Test
    void theRaftConfigurationIsFabrics() {
        RaftConfig c = ChainRecovery.raftConfig(OPTIONS, 2, new MemoryStorage(), QUIET, ElectionRandomness.forChain());
        assertTrue(c.preVote());
        assertTrue(c.checkQuorum());
        assertTrue(c.disableProposalForwarding());
        assertEquals(5, c.maxInflightMsgs());
        assertEquals(2 << 20, c.maxSizePerMsg());
        assertEquals(ReadyOrder.FABRIC, OPTIONS.readyOrder(), "Fabric persists before it sends");
        assertFalse(c.pipelineReadies());
        assertTrue(ChainRecovery.raftConfig(OPTIONS.withReadyOrder(ReadyOrder.PIPELINED), 2, new MemoryStorage(), QUIET,
                ElectionRandomness.forChain()).pipelineReadies());
    }

    /** The etcd raft release of the orderer's Fabric version reaches the core; other options keep it. */
    @Test
    void theEtcdRaftReleaseOfTheOptionsReachesTheCore() {
        assertEquals(io.raftlens.raft.core.EtcdRaftVersion.V3_6, ChainRecovery.raftConfig(OPTIONS, 2, new MemoryStorage(), QUIET,
                ElectionRandomness.forChain()).etcdRaftVersion(), "3.6 unless the launch says otherwise");
        ChainOptions on35 = OPTIONS.withEtcdRaftVersion(io.raftlens.raft.core.EtcdRaftVersion.V3_5)
                .withChannel("other").withBatch(5, Duration.ofSeconds(1))
                .withEvictionSuspicion(Duration.ofMinutes(1));
        assertEquals(io.raftlens.raft.core.EtcdRaftVersion.V3_5, ChainRecovery.raftConfig(on35, 2, new MemoryStorage(), QUIET,
                ElectionRandomness.forChain()).etcdRaftVersion());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> on35.withReadyOrder(ReadyOrder.PIPELINED));
        assertTrue(e.getMessage().startsWith("channel other: -Draftlens.readyOrder=pipelined needs etcd raft 3.6"), e.getMessage());
    }

    /**
     * Issue 14: election timeouts were drawn from {@code SplittableRandom(raftId)}, so raft id 2 drew 10, … after
     * every restart and on every channel and won the first election every time. Two starts of id 2 now draw
     * different sequences (all five draws equal by chance: 1 in 10^5).
     */
    @Test
    void electionTimeoutsDifferAcrossRestartsAndChannels() {
        RaftConfig first = ChainRecovery.raftConfig(OPTIONS, 2, new MemoryStorage(), QUIET, ElectionRandomness.forChain());
        RaftConfig restarted = ChainRecovery.raftConfig(OPTIONS.withChannel("other"), 2, new MemoryStorage(), QUIET,
                ElectionRandomness.forChain());
        List<Integer> a = IntStream.range(0, 5).map(i -> first.random().nextInt(10)).boxed().toList();
        List<Integer> b = IntStream.range(0, 5).map(i -> restarted.random().nextInt(10)).boxed().toList();
        assertNotEquals(a, b);
    }
}
