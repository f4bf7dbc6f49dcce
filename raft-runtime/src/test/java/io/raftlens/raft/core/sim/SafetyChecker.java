package io.raftlens.raft.core.sim;

import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.SnapshotMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Oracle for Raft's safety properties, fed with what a driver observes: each node's status after every step,
 * what each Ready persists, what each node applies and which votes it grants. Throws {@link InvariantViolation}
 * at the first breach. Independent of the core so that it can be tested on fabricated histories.
 *
 * <p>Properties (Raft paper Fig. 3, plus etcd's persistence contract):
 * <ul>
 *   <li>election safety: at most one leader per term (over the whole history, restarts included);</li>
 *   <li>log matching: an entry is identified by (index, term) — two nodes never hold different entries, or
 *       entries with different predecessors, under the same (index, term);</li>
 *   <li>leader completeness: a leader of term T holds every entry committed in a term before T;</li>
 *   <li>state machine safety: the committed prefix is one sequence; every node applies exactly that
 *       sequence, in order, without gaps, and never overwrites a committed entry in its persisted log;</li>
 *   <li>terms never decrease (in memory within a life, and across persisted hard states); a persisted vote
 *       never changes within a term; a node grants at most one vote per term; commit indexes never decrease.</li>
 * </ul>
 */
public final class SafetyChecker {

    private record EntryId(long index, long term) { }

    private record VoterTerm(long voter, long term) { }

    /** What the checker remembers about one node. */
    private static final class Track {
        long seenTerm;          // in memory, this life
        long seenCommit;        // in memory, this life
        long persistedTerm;
        long persistedVote;
        long persistedCommit;   // including a snapshot's index
        long applied;
        long leaderTerm = -1;   // term of the leader-completeness watermark below
        long leaderVerified;
    }

    private final Map<Long, Track> nodes = new HashMap<>();
    private final Map<Long, Long> leaderOfTerm = new HashMap<>();
    private final Map<EntryId, Entry> entryById = new HashMap<>();
    private final Map<EntryId, Long> predecessorTerm = new HashMap<>();
    private final Map<VoterTerm, Long> votes = new HashMap<>();
    private final List<Entry> committed = new ArrayList<>();   // committed.get(i - 1) is entry i
    private long[] commitTerm = new long[64];                  // term in which index i was first seen committed

    public SafetyChecker(List<Long> ids) {
        for (long id : ids) {
            nodes.put(id, new Track());
        }
    }

    /** Highest index known to be committed anywhere. */
    public long committedIndex() {
        return committed.size();
    }

    public Map<Long, Long> leadersByTerm() {
        return Map.copyOf(leaderOfTerm);
    }

    /** After every step, for every running node. */
    public void status(long node, long term, long commit, StateRole role) {
        Track t = track(node);
        if (term < t.seenTerm) {
            fail("term went back on node %d: %d after %d", node, term, t.seenTerm);
        }
        if (commit < t.seenCommit) {
            fail("commit index went back on node %d: %d after %d", node, commit, t.seenCommit);
        }
        t.seenTerm = term;
        t.seenCommit = commit;
        if (role == StateRole.LEADER) {
            Long other = leaderOfTerm.putIfAbsent(term, node);
            if (other != null && other != node) {
                fail("two leaders in term %d: nodes %d and %d", term, other, node);
            }
        }
    }

    /**
     * The node was rebuilt from its storage: whatever it had not persisted is gone, and its state machine was
     * rebuilt from the storage's snapshot at {@code snapshotIndex}.
     */
    public void restarted(long node, long snapshotIndex) {
        Track t = track(node);
        t.seenTerm = t.persistedTerm;
        t.seenCommit = t.persistedCommit;
        t.applied = snapshotIndex;
        t.leaderTerm = -1;
    }

    /** A Ready's entries are about to be appended to the node's storage; {@code prevTerm} is -1 when unknown. */
    public void entriesPersisted(long node, long prevTerm, List<Entry> entries) {
        Track t = track(node);
        long predecessor = prevTerm;
        long expectedIndex = -1;
        for (Entry e : entries) {
            if (expectedIndex >= 0 && e.getIndex() != expectedIndex) {
                fail("node %d persisted a non-contiguous batch: index %d where %d was expected", node, e.getIndex(), expectedIndex);
            }
            if (predecessor > e.getTerm()) {
                fail("node %d persisted entry %d/%d after an entry of higher term %d", node, e.getTerm(), e.getIndex(), predecessor);
            }
            EntryId id = new EntryId(e.getIndex(), e.getTerm());
            Entry known = entryById.putIfAbsent(id, e);
            if (known != null && !known.equals(e)) {
                fail("log matching: node %d holds a different entry at index %d term %d (%s vs %s)",
                        node, e.getIndex(), e.getTerm(), describe(e), describe(known));
            }
            if (predecessor >= 0) {
                Long knownPredecessor = predecessorTerm.putIfAbsent(id, predecessor);
                if (knownPredecessor != null && knownPredecessor != predecessor) {
                    fail("log matching: entry %d/%d follows term %d on node %d but term %d elsewhere",
                            e.getTerm(), e.getIndex(), predecessor, node, knownPredecessor);
                }
            }
            if (e.getIndex() <= t.persistedCommit && e.getIndex() <= committed.size()) {
                Entry c = committed.get((int) e.getIndex() - 1);
                if (!c.equals(e)) {
                    fail("node %d overwrote committed entry %s with %s (its commit index is %d)",
                            node, describe(c), describe(e), t.persistedCommit);
                }
            }
            predecessor = e.getTerm();
            expectedIndex = e.getIndex() + 1;
        }
    }

    /** A snapshot (from the leader) is being installed in the node's storage. */
    public void snapshotPersisted(long node, SnapshotMetadata md) {
        Track t = track(node);
        if (md.getIndex() > committed.size()) {
            fail("node %d installs a snapshot at index %d beyond the committed index %d", node, md.getIndex(), committed.size());
        }
        if (md.getIndex() > 0 && committed.get((int) md.getIndex() - 1).getTerm() != md.getTerm()) {
            fail("node %d installs a snapshot at index %d term %d but the committed entry there has term %d",
                    node, md.getIndex(), md.getTerm(), committed.get((int) md.getIndex() - 1).getTerm());
        }
        t.persistedCommit = Math.max(t.persistedCommit, md.getIndex());
    }

    /**
     * A Ready's hard state is being persisted; the node's entries are already in its storage and
     * {@code stored} returns them by index (null when the storage does not hold that index).
     */
    public void hardStatePersisted(long node, HardState hs, LongFunction<Entry> stored) {
        Track t = track(node);
        if (hs.getTerm() < t.persistedTerm) {
            fail("node %d persisted term %d after term %d", node, hs.getTerm(), t.persistedTerm);
        }
        if (hs.getTerm() == t.persistedTerm && t.persistedVote != 0 && hs.getVote() != t.persistedVote) {
            fail("node %d changed its vote in term %d from %d to %d", node, hs.getTerm(), t.persistedVote, hs.getVote());
        }
        if (hs.getCommit() < t.persistedCommit) {
            fail("node %d persisted commit %d after %d", node, hs.getCommit(), t.persistedCommit);
        }
        for (long i = t.persistedCommit + 1; i <= hs.getCommit(); i++) {
            Entry e = stored.apply(i);
            if (e == null) {
                fail("node %d persisted commit %d but its log does not hold entry %d", node, hs.getCommit(), i);
            }
            markCommitted(node, e, hs.getTerm());
        }
        t.persistedTerm = hs.getTerm();
        t.persistedVote = hs.getVote();
        t.persistedCommit = Math.max(t.persistedCommit, hs.getCommit());
    }

    private void markCommitted(long node, Entry e, long term) {
        long index = e.getIndex();
        if (index <= committed.size()) {
            Entry c = committed.get((int) index - 1);
            if (!c.equals(e)) {
                fail("state machine safety: node %d committed %s where %s was committed before", node, describe(e), describe(c));
            }
            return;
        }
        if (index != committed.size() + 1) {
            fail("node %d committed index %d before index %d was known committed", node, index, committed.size() + 1);
        }
        committed.add(e);
        if (index >= commitTerm.length) {
            commitTerm = Arrays.copyOf(commitTerm, commitTerm.length * 2);
        }
        commitTerm[(int) index] = term;
    }

    /** The node applies the snapshot of its Ready: its state machine now reflects the committed prefix up to md.index. */
    public void snapshotApplied(long node, SnapshotMetadata md) {
        Track t = track(node);
        if (md.getIndex() < t.applied) {
            fail("node %d applied a snapshot at %d below its applied index %d", node, md.getIndex(), t.applied);
        }
        t.applied = md.getIndex();
    }

    /** The node applies one committed entry to its state machine. */
    public void applied(long node, Entry e) {
        Track t = track(node);
        if (e.getIndex() != t.applied + 1) {
            fail("node %d applied entry %d right after entry %d", node, e.getIndex(), t.applied);
        }
        if (e.getIndex() > committed.size()) {
            fail("node %d applied entry %s that no node has persisted as committed", node, describe(e));
        }
        Entry c = committed.get((int) e.getIndex() - 1);
        if (!c.equals(e)) {
            fail("state machine safety: node %d applied %s where %s is committed", node, describe(e), describe(c));
        }
        t.applied = e.getIndex();
    }

    /** The node sends a granting MsgVoteResp for {@code term} to {@code candidate}. */
    public void voteGranted(long voter, long term, long candidate) {
        Long earlier = votes.putIfAbsent(new VoterTerm(voter, term), candidate);
        if (earlier != null && earlier != candidate) {
            fail("node %d granted two votes in term %d: to %d and to %d", voter, term, earlier, candidate);
        }
    }

    /**
     * Leader completeness, checked when a leader has just persisted its Ready (its storage then holds its whole
     * log): every entry committed in an earlier term must be in it. Incremental per (node, term).
     */
    public void leaderLog(long node, long term, long firstIndex, long lastIndex, LongFunction<Long> termAt) {
        Track t = track(node);
        if (t.leaderTerm != term) {
            t.leaderTerm = term;
            t.leaderVerified = 0;
        }
        for (long i = Math.max(t.leaderVerified, firstIndex - 1) + 1; i <= committed.size(); i++) {
            if (commitTerm[(int) i] >= term) {
                continue;
            }
            Entry c = committed.get((int) i - 1);
            if (i > lastIndex) {
                fail("leader completeness: leader %d of term %d lacks committed entry %s (last index %d)", node, term, describe(c), lastIndex);
            }
            long have = termAt.apply(i);
            if (have != c.getTerm()) {
                fail("leader completeness: leader %d of term %d holds term %d at index %d where %s is committed",
                        node, term, have, i, describe(c));
            }
        }
        t.leaderVerified = committed.size();
    }

    /**
     * Durability: every committed entry must survive on a quorum of {@code ids} (the current members) — in its
     * persisted log (same term) or below its snapshot. {@code termOnNode} returns -1 when the node's storage does not hold the index, and
     * {@code snapshotIndexOf} the node's storage snapshot index.
     */
    public void checkDurable(List<Long> ids, TermLookup termOnNode, LongFunction<Long> snapshotIndexOf) {
        int quorum = ids.size() / 2 + 1;
        for (long i = 1; i <= committed.size(); i++) {
            long term = committed.get((int) i - 1).getTerm();
            int holders = 0;
            for (long id : ids) {
                if (snapshotIndexOf.apply(id) >= i || termOnNode.term(id, i) == term) {
                    holders++;
                }
            }
            if (holders < quorum) {
                fail("committed entry %d/%d survives on only %d nodes (quorum %d)", term, i, holders, quorum);
            }
        }
    }

    /** Term of an index in a node's persisted log, -1 when absent. */
    @FunctionalInterface
    public interface TermLookup {
        long term(long node, long index);
    }

    private Track track(long node) {
        Track t = nodes.get(node);
        if (t == null) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        return t;
    }

    static String describe(Entry e) {
        return e.getTerm() + "/" + e.getIndex() + " " + e.getType() + " \"" + e.getData().toStringUtf8() + "\"";
    }

    private static void fail(String format, Object... args) {
        throw new InvariantViolation(String.format(format, args));
    }
}
