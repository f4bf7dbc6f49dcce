package io.raftlens.raft.core.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * N RawNodes over MemoryStorage driven in one thread with a perfect in-process network: the cost measured is the
 * Raft core's own (Ready building, log bookkeeping, progress tracking, message construction), not I/O.
 */
final class InMemoryCluster {

    private static final RaftLogger SILENT = new RaftLogger() {
        @Override public void debug(String line) { }
        @Override public void info(String line) { }
        @Override public void warn(String line) { }
        @Override public void error(String line) { }
        @Override public boolean isDebugEnabled() { return false; }
    };

    private final List<RawNode> nodes = new ArrayList<>();
    private final List<MemoryStorage> storages = new ArrayList<>();
    private final long[] applied;
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();

    InMemoryCluster(int size, long maxSizePerMsg, int maxInflightMsgs) {
        List<Long> peers = new ArrayList<>();
        for (long id = 1; id <= size; id++) {
            peers.add(id);
        }
        for (long id = 1; id <= size; id++) {
            MemoryStorage storage = new MemoryStorage();
            RaftConfig config = RaftConfig.builder(id, storage)
                    .electionTick(10)
                    .heartbeatTick(1)
                    .preVote(true)
                    .checkQuorum(true)
                    .disableProposalForwarding(true)
                    .maxSizePerMsg(maxSizePerMsg)
                    .maxInflightMsgs(maxInflightMsgs)
                    .random(new SplittableRandom(id))
                    .logger(SILENT)
                    .build();
            RawNode node = new RawNode(config);
            node.bootstrap(peers);
            nodes.add(node);
            storages.add(storage);
        }
        applied = new long[size];
    }

    /** Elects node 1 and settles the cluster. */
    RawNode electFirst() {
        stabilize();
        RawNode leader = nodes.get(0);
        leader.campaign();
        stabilize();
        if (leader.status().role() != StateRole.LEADER) {
            throw new IllegalStateException("node 1 did not become leader: " + leader.status());
        }
        return leader;
    }

    /** Handles every Ready and delivers every message until the cluster is quiet. */
    void stabilize() {
        boolean busy = true;
        while (busy) {
            busy = false;
            for (int i = 0; i < nodes.size(); i++) {
                RawNode n = nodes.get(i);
                if (n.hasReady()) {
                    handle(i, n.ready());
                    busy = true;
                }
            }
            Message m;
            while ((m = inFlight.poll()) != null) {
                nodes.get((int) m.getTo() - 1).step(m);
                busy = true;
            }
        }
    }

    /** Persist → send → apply → advance, as a real driver (without the fsync). */
    private void handle(int i, Ready rd) {
        MemoryStorage s = storages.get(i);
        if (rd.snapshot() != null) {
            s.applySnapshot(rd.snapshot());
        }
        if (!rd.entries().isEmpty()) {
            s.append(rd.entries());
        }
        if (rd.hardState() != null) {
            s.setHardState(rd.hardState());
        }
        inFlight.addAll(rd.messages());
        RawNode n = nodes.get(i);
        for (Entry e : rd.committedEntries()) {
            if (e.getType() == EntryType.EntryConfChange) {
                n.applyConfChange(parse(e.getData()));
            }
            applied[i] = e.getIndex();
        }
        n.advance(rd);
    }

    /** Drops applied entries from every storage (keeping memory flat over a long run). */
    void compact() {
        for (int i = 0; i < storages.size(); i++) {
            MemoryStorage s = storages.get(i);
            if (applied[i] > s.firstIndex()) {
                s.compact(applied[i]);
            }
        }
    }

    long applied(int node) {
        return applied[node];
    }

    int size() {
        return nodes.size();
    }

    private static ConfChange parse(ByteString data) {
        try {
            return ConfChange.parseFrom(data);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
