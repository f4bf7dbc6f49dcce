package io.raftlens.raft.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.EtcdRaftVersion;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.pb.Message;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The timeline reads an election logged in etcd raft 3.5's order (Fabric 2.5: the self-vote's {@code received} line
 * before the requests, no tally for it) exactly as one in 3.6's order, as it reads real Fabric 2.x logs
 * ({@code RealLogsTest}). Lines are written as a Fabric 2.5 orderer prints them.
 */
class EtcdRaftVersionLogsTest {

    @Test
    void aThreeNodeElectionReadsTheSameInBothOrders() throws IOException {
        Election on35 = election(EtcdRaftVersion.V3_5);
        Election on36 = election(EtcdRaftVersion.V3_6);
        for (Election e : List.of(on35, on36)) {
            assertEquals("1", e.node());
            assertTrue(e.usedPreVote());
            assertEquals(Election.Outcome.WON, e.outcome());
            assertEquals(2, e.leaderTerm());
            assertTrue(e.preVotesGranted() >= 2, "a quorum of pre-votes, the node's own included");
            assertTrue(e.votesGranted() >= 2, "a quorum of votes, the node's own included");
            assertTrue(e.voteGrantedBy().contains("1"), "its own vote: " + e.voteGrantedBy());
        }
        assertEquals(on36.preVoteGrantedBy(), on35.preVoteGrantedBy());
        assertEquals(on36.voteGrantedBy(), on35.voteGrantedBy());
        assertEquals(on36.votesRejected(), on35.votesRejected());
    }

    /** Node 1 of three campaigns on a fresh channel; returns its election as the timeline reconstructs it. */
    private static Election election(EtcdRaftVersion version) throws IOException {
        StringBuilder log = new StringBuilder();
        int[] seq = {0};
        Map<Long, RawNode> nodes = new TreeMap<>();
        Map<Long, MemoryStorage> storages = new TreeMap<>();
        for (long id = 1; id <= 3; id++) {
            MemoryStorage ms = new MemoryStorage();
            RawNode n = new RawNode(RaftConfig.builder(id, ms).preVote(true).checkQuorum(true).etcdRaftVersion(version)
                    .logger(fabricFormat(id, log, seq)).build());
            n.bootstrap(List.of(1L, 2L, 3L));
            nodes.put(id, n);
            storages.put(id, ms);
        }
        ArrayDeque<Message> inFlight = new ArrayDeque<>();
        pump(nodes, storages, inFlight);
        nodes.get(1L).campaign();
        pump(nodes, storages, inFlight);
        Timeline t = new Timeline(null);
        TimelineReader.read(new StringReader(log.toString()), version.label(), t);
        List<Election> elections = t.finish().channel("mychannel").elections();
        assertEquals(1, elections.size(), log.toString());
        return elections.get(0);
    }

    /** Fabric's persist-then-send loop, until nothing is left to do. */
    private static void pump(Map<Long, RawNode> nodes, Map<Long, MemoryStorage> storages, ArrayDeque<Message> inFlight) {
        boolean busy = true;
        while (busy) {
            busy = false;
            for (Map.Entry<Long, RawNode> e : nodes.entrySet()) {
                RawNode n = e.getValue();
                while (n.hasReady()) {
                    busy = true;
                    Ready rd = n.ready();
                    MemoryStorage ms = storages.get(e.getKey());
                    ms.append(rd.entries());
                    if (rd.hardState() != null) {
                        ms.setHardState(rd.hardState());
                    }
                    inFlight.addAll(rd.messages());
                    n.advance(rd);
                }
            }
            while (!inFlight.isEmpty()) {
                busy = true;
                Message m = inFlight.poll();
                nodes.get(m.getTo()).step(m);
            }
        }
    }

    /** "2025-01-01 00:00:00.001 UTC 0001 INFO [orderer.consensus.etcdraft] poll -> … channel=mychannel node=1". */
    private static RaftLogger fabricFormat(long id, StringBuilder log, int[] seq) {
        return new RaftLogger() {
            private void line(String level, String function, String text) {
                seq[0]++;
                log.append(String.format("2025-01-01 00:00:%02d.%03d UTC %04x %s [orderer.consensus.etcdraft] %s -> %s"
                        + " channel=mychannel node=%d%n", seq[0] / 1000, seq[0] % 1000, seq[0], level, function, text, id));
            }

            @Override public void debug(String line) { }
            @Override public void info(String line) { line("INFO", "raft", line); }
            @Override public void warn(String line) { line("WARN", "raft", line); }
            @Override public void error(String line) { line("ERRO", "raft", line); }
            @Override public boolean isDebugEnabled() { return false; }
            @Override public void info(String function, String line) { line("INFO", function, line); }
            @Override public void warn(String function, String line) { line("WARN", function, line); }
        };
    }
}
