package io.raftlens.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A quick randomized check of the core's safety properties under message loss, duplication, reordering,
 * partitions, crashes (losing the unpersisted part of a Ready) and snapshots. The full seeded cluster
 * simulator lives in the sim package; this keeps the core honest on its own.
 */
class RandomizedSafetyTest {

    private static final class Node {
        final long id;
        final MemoryStorage storage;
        RawNode raw;
        final List<Entry> applied = new ArrayList<>();
        long lastTerm;
        final Map<Long, Long> votes = new HashMap<>();

        Node(long id, MemoryStorage storage) {
            this.id = id;
            this.storage = storage;
        }
    }

    private final class Cluster {
        final SplittableRandom rnd;
        final Map<Long, Node> nodes = new HashMap<>();
        final List<Message> inFlight = new ArrayList<>();
        final Map<Long, Long> leaderOfTerm = new HashMap<>();
        final List<Entry> committed = new ArrayList<>();
        final boolean preVote;
        final boolean checkQuorum;
        final int size;
        final EtcdRaftVersion version;
        final boolean[] down;
        final ConfState members;
        int proposals;

        Cluster(long seed, int size, EtcdRaftVersion version) {
            this.size = size;
            this.version = version;
            this.down = new boolean[size + 1];
            rnd = new SplittableRandom(seed);
            preVote = rnd.nextBoolean();
            checkQuorum = rnd.nextBoolean();
            ConfState.Builder cs = ConfState.newBuilder();
            for (long id = 1; id <= size; id++) {
                cs.addVoters(id);
            }
            members = cs.build();
            for (long id = 1; id <= size; id++) {
                Node n = new Node(id, MemoryStorage.withMembers(members));
                nodes.put(id, n);
                start(n);
            }
        }

        void start(Node n) {
            long applied = n.applied.isEmpty() ? 0 : n.applied.get(n.applied.size() - 1).getIndex();
            n.raw = new RawNode(RaftConfig.builder(n.id, n.storage).electionTick(10).heartbeatTick(1)
                    .preVote(preVote).checkQuorum(checkQuorum).maxInflightMsgs(4).maxSizePerMsg(64).etcdRaftVersion(version)
                    .applied(Math.max(applied, n.storage.firstIndex() - 1))
                    .random(new SplittableRandom(rnd.nextLong())).logger(new NoLogger()).build());
        }

        void processReady(Node n, boolean crashBeforePersist) {
            if (!n.raw.hasReady()) {
                return;
            }
            Ready rd = n.raw.ready();
            if (crashBeforePersist) {
                start(n); // nothing of this Ready was persisted, sent or applied
                return;
            }
            if (rd.snapshot() != null) {
                n.storage.applySnapshot(rd.snapshot());
                n.applied.clear();
            }
            n.storage.append(rd.entries());
            if (rd.hardState() != null) {
                HardState hs = rd.hardState();
                assertTrue(hs.getTerm() >= n.lastTerm, "term went backwards on " + n.id);
                Long prevVote = n.votes.get(hs.getTerm());
                if (prevVote != null && prevVote != 0 && hs.getVote() != prevVote) {
                    fail("node " + n.id + " changed its vote in term " + hs.getTerm());
                }
                n.votes.put(hs.getTerm(), hs.getVote());
                n.lastTerm = hs.getTerm();
                n.storage.setHardState(hs);
            }
            inFlight.addAll(rd.messages());
            for (Entry e : rd.committedEntries()) {
                apply(n, e);
            }
            n.raw.advance(rd);
            Status st = n.raw.status();
            if (st.role() == StateRole.LEADER) {
                Long prev = leaderOfTerm.putIfAbsent(st.term(), n.id);
                if (prev != null && prev != n.id) {
                    fail("two leaders in term " + st.term() + ": " + prev + " and " + n.id);
                }
            }
            if (st.applied() > 20 && rnd.nextInt(50) == 0) {
                long at = st.applied() - 5;
                if (at > n.storage.firstIndex()) {
                    n.storage.createSnapshot(at, members, ByteString.EMPTY);
                    n.storage.compact(at);
                }
            }
        }

        void apply(Node n, Entry e) {
            int i = (int) e.getIndex() - 1;
            if (i < committed.size()) {
                assertEquals(committed.get(i), e, "node " + n.id + " applied a different entry at index " + e.getIndex());
            } else {
                assertEquals(committed.size(), i, "gap in the committed log");
                committed.add(e);
            }
            n.applied.add(e);
        }

        void deliver(Message m, boolean lost) {
            if (!lost) {
                nodes.get(m.getTo()).raw.step(m);
            }
            if (m.getType() == MessageType.MsgSnap) {
                // the transport tells the sender how the snapshot went, as etcd's ReportSnapshot contract asks
                nodes.get(m.getFrom()).raw.reportSnapshot(m.getTo(), lost);
            }
        }

        void step() {
            int action = rnd.nextInt(100);
            long id = 1 + rnd.nextInt(size);
            Node n = nodes.get(id);
            if (action < 30) {
                if (!down[(int) id]) {
                    n.raw.tick();
                }
            } else if (action < 70) {
                if (!inFlight.isEmpty()) {
                    Message m = inFlight.remove(rnd.nextInt(inFlight.size())); // reorder
                    int fate = rnd.nextInt(20);
                    boolean lost = fate == 0 || down[(int) m.getTo()] || down[(int) m.getFrom()];
                    if (fate == 1) {
                        inFlight.add(m); // duplicated
                    }
                    deliver(m, lost);
                }
            } else if (action < 90) {
                if (!down[(int) id]) {
                    processReady(n, rnd.nextInt(200) == 0);
                }
            } else if (action < 97) {
                try {
                    n.raw.propose(ByteString.copyFromUtf8("p" + proposals++));
                } catch (ProposalDroppedException expected) {
                    // not the leader
                }
            } else if (action < 99) {
                down[(int) id] = !down[(int) id]; // a partition of one node comes or goes
            } else {
                start(n); // crash and restart from storage
            }
        }
    }

    private static final class NoLogger implements RaftLogger {
        public void debug(String line) { }
        public void info(String line) { }
        public void warn(String line) { }
        public void error(String line) { }
        public boolean isDebugEnabled() {
            return false;
        }
    }

    /** Seeds to run: -Draftlens.safetySeeds=N (default 100 per cluster size); -Draftlens.safetyFrom=S to replay one. */
    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 5})
    void safetyHoldsUnderLossReorderingDuplicationCrashesAndPartitions(int size) {
        run(size, EtcdRaftVersion.V3_6, Long.getLong("raftlens.safetySeeds", 100));
    }

    /**
     * etcd raft 3.5 counts the leader's own appends before they are durable; with Fabric's persist-then-send order
     * (what this cluster does) that is safe too. Fewer seeds by default: the suite's time is shared.
     */
    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 5})
    void safetyHoldsOnEtcdRaft35Too(int size) {
        run(size, EtcdRaftVersion.V3_5, Long.getLong("raftlens.safetySeeds", 12));
    }

    private void run(int size, EtcdRaftVersion version, long seeds) {
        for (long seed = Long.getLong("raftlens.safetyFrom", 0); seed < seeds; seed++) {
            Cluster c = new Cluster(seed, size, version);
            try {
                for (int i = 0; i < 4000; i++) {
                    c.step();
                }
                // Heal and check liveness: a leader, and everyone applies the same log.
                java.util.Arrays.fill(c.down, false);
                for (int round = 0; round < 400; round++) {
                    for (Node n : c.nodes.values()) {
                        n.raw.tick();
                        c.processReady(n, false);
                    }
                    while (!c.inFlight.isEmpty()) {
                        c.deliver(c.inFlight.remove(0), false);
                    }
                    for (Node n : c.nodes.values()) {
                        c.processReady(n, false);
                    }
                }
                long leaders = c.nodes.values().stream().filter(n -> n.raw.status().role() == StateRole.LEADER).count();
                assertEquals(1, leaders, "one leader after healing");
                long commit = c.nodes.get(1L).raw.status().commit();
                for (Node n : c.nodes.values()) {
                    assertEquals(commit, n.raw.status().commit(), "node " + n.id + " caught up");
                }
            } catch (AssertionError | RuntimeException e) {
                for (Node n : c.nodes.values()) {
                    Status st = n.raw.status();
                    System.err.println("node " + n.id + " " + st + " first=" + n.storage.firstIndex() + " last=" + n.storage.lastIndex()
                            + " snap=" + n.storage.snapshot().getMetadata().getIndex());
                }
                throw new AssertionError("seed " + seed + " (etcd raft " + version + ", preVote=" + c.preVote + ", checkQuorum=" + c.checkQuorum + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
