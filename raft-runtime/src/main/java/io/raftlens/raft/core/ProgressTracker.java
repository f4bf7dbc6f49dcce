package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.ConfState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Membership (a single majority configuration of voters, plus learners), per-peer {@link PeerProgress}
 * and election votes (etcd tracker/ and quorum/ without joint consensus: Fabric changes one consenter at
 * a time). Peers are kept in ascending id order so that every iteration, and so every message order, is
 * deterministic.
 */
final class ProgressTracker {
    final int maxInflight;
    /** All peers (voters and learners), ascending. */
    private long[] ids = new long[0];
    private PeerProgress[] progress = new PeerProgress[0];
    private long[] voters = new long[0];
    private long[] learners = new long[0];
    private final Map<Long, Boolean> votes = new HashMap<>();
    private long[] matchScratch = new long[0];

    ProgressTracker(int maxInflight) {
        this.maxInflight = maxInflight;
    }

    PeerProgress get(long id) {
        int i = search(ids, id);
        return i >= 0 ? progress[i] : null;
    }

    int size() {
        return ids.length;
    }

    long idAt(int i) {
        return ids[i];
    }

    PeerProgress progressAt(int i) {
        return progress[i];
    }

    long[] voters() {
        return voters;
    }

    boolean isVoter(long id) {
        return search(voters, id) >= 0;
    }

    /** Adds a voter, or promotes a learner; a no-op for an existing voter. */
    void addVoter(long id, long lastIndex) {
        PeerProgress pr = get(id);
        if (pr != null && !pr.isLearner) {
            return;
        }
        PeerProgress fresh = newProgress(lastIndex, false);
        if (pr != null) { // promotion keeps what we know of its log
            fresh.match = pr.match;
            fresh.next = pr.next;
        }
        put(id, fresh);
        learners = without(learners, id);
        voters = with(voters, id);
    }

    void addLearner(long id, long lastIndex) {
        if (get(id) != null) {
            return;
        }
        put(id, newProgress(lastIndex, true));
        learners = with(learners, id);
    }

    void remove(long id) {
        int i = search(ids, id);
        if (i < 0) {
            return;
        }
        long[] newIds = new long[ids.length - 1];
        PeerProgress[] newPrs = new PeerProgress[ids.length - 1];
        System.arraycopy(ids, 0, newIds, 0, i);
        System.arraycopy(ids, i + 1, newIds, i, ids.length - i - 1);
        System.arraycopy(progress, 0, newPrs, 0, i);
        System.arraycopy(progress, i + 1, newPrs, i, ids.length - i - 1);
        ids = newIds;
        progress = newPrs;
        voters = without(voters, id);
        learners = without(learners, id);
    }

    private PeerProgress newProgress(long lastIndex, boolean learner) {
        // Probe from the last index (etcd confchange); new peers count as active so CheckQuorum waits for them.
        return new PeerProgress(0, Math.max(lastIndex, 1), maxInflight, learner, true);
    }

    private void put(long id, PeerProgress pr) {
        int i = search(ids, id);
        if (i >= 0) {
            progress[i] = pr;
            return;
        }
        int at = -i - 1;
        long[] newIds = new long[ids.length + 1];
        PeerProgress[] newPrs = new PeerProgress[ids.length + 1];
        System.arraycopy(ids, 0, newIds, 0, at);
        System.arraycopy(progress, 0, newPrs, 0, at);
        newIds[at] = id;
        newPrs[at] = pr;
        System.arraycopy(ids, at, newIds, at + 1, ids.length - at);
        System.arraycopy(progress, at, newPrs, at + 1, ids.length - at);
        ids = newIds;
        progress = newPrs;
    }

    /** Resets every peer as etcd's raft.reset() does: nothing matched, next after our last index. */
    void resetAll(long selfId, long lastIndex) {
        for (int i = 0; i < ids.length; i++) {
            PeerProgress old = progress[i];
            PeerProgress pr = new PeerProgress(0, lastIndex + 1, maxInflight, old.isLearner, false);
            if (ids[i] == selfId) {
                pr.match = lastIndex;
            }
            progress[i] = pr;
        }
    }

    /** The highest index replicated on a majority of voters (etcd MajorityConfig.CommittedIndex). */
    long committed() {
        int n = voters.length;
        if (n == 0) {
            return Long.MAX_VALUE; // an empty configuration commits everything, as in etcd
        }
        if (matchScratch.length != n) {
            matchScratch = new long[n];
        }
        for (int i = 0; i < n; i++) {
            PeerProgress pr = get(voters[i]);
            matchScratch[i] = pr == null ? 0 : pr.match;
        }
        Arrays.sort(matchScratch);
        return matchScratch[n - (n / 2 + 1)];
    }

    /** Whether a majority of voters was active since the last check (the leader counts itself active). */
    boolean quorumActive() {
        int active = 0;
        for (long v : voters) {
            PeerProgress pr = get(v);
            if (pr != null && pr.recentActive) {
                active++;
            }
        }
        return voters.length == 0 || active >= voters.length / 2 + 1;
    }

    void resetVotes() {
        votes.clear();
    }

    /** Records the first answer of a voter; later answers from the same voter are ignored. */
    void recordVote(long id, boolean granted) {
        votes.putIfAbsent(id, granted);
    }

    /** Returns {granted, rejected} over current voters. */
    int[] countVotes() {
        int granted = 0;
        int rejected = 0;
        for (long v : voters) {
            Boolean g = votes.get(v);
            if (g != null) {
                if (g) {
                    granted++;
                } else {
                    rejected++;
                }
            }
        }
        return new int[] {granted, rejected};
    }

    VoteResult voteResult() {
        if (voters.length == 0) {
            return VoteResult.WON;
        }
        int[] c = countVotes();
        int missing = voters.length - c[0] - c[1];
        int q = voters.length / 2 + 1;
        if (c[0] >= q) {
            return VoteResult.WON;
        }
        if (c[0] + missing >= q) {
            return VoteResult.PENDING;
        }
        return VoteResult.LOST;
    }

    ConfState confState() {
        ConfState.Builder b = ConfState.newBuilder();
        for (long v : voters) {
            b.addVoters(v);
        }
        for (long l : learners) {
            b.addLearners(l);
        }
        return b.build();
    }

    /** etcd's Config.String() (v3.6): {@code voters=(1 2 3)} plus {@code learners=(4)} when there are learners. */
    String describe() {
        String s = "voters=" + set(voters);
        if (learners.length > 0) {
            s += " learners=" + set(learners);
        }
        return s;
    }

    private static String set(long[] xs) {
        StringJoiner j = new StringJoiner(" ", "(", ")");
        for (long x : xs) {
            j.add(Long.toUnsignedString(x));
        }
        return j.toString();
    }

    private static long[] with(long[] xs, long id) {
        int i = search(xs, id);
        if (i >= 0) {
            return xs;
        }
        int at = -i - 1;
        long[] out = new long[xs.length + 1];
        System.arraycopy(xs, 0, out, 0, at);
        out[at] = id;
        System.arraycopy(xs, at, out, at + 1, xs.length - at);
        return out;
    }

    private static long[] without(long[] xs, long id) {
        int i = search(xs, id);
        if (i < 0) {
            return xs;
        }
        long[] out = new long[xs.length - 1];
        System.arraycopy(xs, 0, out, 0, i);
        System.arraycopy(xs, i + 1, out, i, xs.length - i - 1);
        return out;
    }

    /**
     * {@link Arrays#binarySearch(long[], long)} over ids in etcd's order: uint64 ascending, so an id of 2^63 or more
     * (etcd's random member ids) comes after the small ones, as in etcd's sorted voter lists and vote requests.
     */
    private static int search(long[] xs, long id) {
        int lo = 0;
        int hi = xs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(xs[mid], id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
