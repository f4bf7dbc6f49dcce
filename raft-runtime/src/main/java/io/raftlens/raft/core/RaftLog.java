package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The log as raft sees it (etcd's log.go): stable entries in {@link Storage} followed by the
 * {@link UnstableLog}, with the committed, applying and applied cursors.
 */
final class RaftLog {
    final Storage storage;
    final UnstableLog unstable;
    private final RaftLogger logger;
    long committed;
    /** Highest index handed to the driver for application (may be ahead of applied). */
    long applying;
    long applied;
    final long maxApplyingEntsSize;
    private long applyingEntsSize;
    private boolean applyingEntsPaused;

    /** Only for {@link #toString()}, which the snapshot-restore line prints in the version's format. */
    private final EtcdRaftVersion version;

    RaftLog(Storage storage, RaftLogger logger, long maxApplyingEntsSize) {
        this(storage, logger, maxApplyingEntsSize, EtcdRaftVersion.V3_6);
    }

    RaftLog(Storage storage, RaftLogger logger, long maxApplyingEntsSize, EtcdRaftVersion version) {
        this.version = version;
        this.storage = storage;
        this.logger = logger;
        this.maxApplyingEntsSize = maxApplyingEntsSize;
        long firstIndex = storage.firstIndex();
        long lastIndex = storage.lastIndex();
        this.unstable = new UnstableLog(logger, lastIndex + 1);
        this.committed = firstIndex - 1;
        this.applying = firstIndex - 1;
        this.applied = firstIndex - 1;
    }

    @Override
    public String toString() {
        if (version == EtcdRaftVersion.V3_5) {
            // etcd 3.5's raftLog.String(): no applying index, no in-progress offset (it has no async writes).
            return "committed=" + committed + ", applied=" + applied + ", unstable.offset=" + unstable.offset
                    + ", len(unstable.Entries)=" + unstable.entries.size();
        }
        return "committed=" + committed + ", applied=" + applied + ", applying=" + applying + ", unstable.offset="
                + unstable.offset + ", unstable.offsetInProgress=" + unstable.offsetInProgress
                + ", len(unstable.Entries)=" + unstable.entries.size();
    }

    /**
     * Appends a leader's entries after (index, logTerm) if our log matches there, truncating a
     * conflicting uncommitted suffix; returns the last new index, or -1 if the log does not match.
     */
    long maybeAppend(long index, long logTerm, long leaderCommit, List<Entry> ents) {
        if (!matchTerm(index, logTerm)) {
            return -1;
        }
        long lastNew = index + ents.size();
        long ci = findConflict(ents);
        if (ci != 0) {
            if (ci <= committed) {
                throw new IllegalStateException("entry " + ci + " conflict with committed entry [committed(" + committed + ")]");
            }
            long off = index + 1;
            append(ents.subList((int) (ci - off), ents.size()));
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    long append(List<Entry> ents) {
        if (ents.isEmpty()) {
            return lastIndex();
        }
        long after = ents.get(0).getIndex() - 1;
        if (after < committed) {
            throw new IllegalStateException("after(" + after + ") is out of range [committed(" + committed + ")]");
        }
        unstable.truncateAndAppend(ents);
        return lastIndex();
    }

    /** Index of the first entry that conflicts with the log (or is new), or 0 if all are present. */
    long findConflict(List<Entry> ents) {
        for (int i = 0, n = ents.size(); i < n; i++) {
            Entry ne = ents.get(i);
            if (!matchTerm(ne.getIndex(), ne.getTerm())) {
                if (ne.getIndex() <= lastIndex()) {
                    logger.info("findConflict", "found conflict at index " + ne.getIndex() + " [existing term: "
                            + zeroTermOnOutOfBounds(ne.getIndex()) + ", conflicting term: " + ne.getTerm() + "]");
                }
                return ne.getIndex();
            }
        }
        return 0;
    }

    /**
     * The largest (index, term) with index <= the given index and term <= the given term, for fast log
     * rejection. Returns {index, term}; term 0 if unknown.
     */
    long[] findConflictByTerm(long index, long term) {
        for (; index > 0; index--) {
            long ourTerm = termOrNegative(index);
            if (ourTerm < 0) {
                return new long[] {index, 0};
            }
            if (ourTerm <= term) {
                return new long[] {index, ourTerm};
            }
        }
        return new long[] {0, 0};
    }

    List<Entry> nextUnstableEnts() {
        return unstable.nextEntries();
    }

    boolean hasNextUnstableEnts() {
        return unstable.hasNextEntries();
    }

    /** Committed entries ready to be applied, bounded by the applying-size budget. */
    List<Entry> nextCommittedEnts(boolean allowUnstable) {
        if (applyingEntsPaused || hasNextOrInProgressSnapshot()) {
            return List.of();
        }
        long lo = applying + 1;
        long hi = maxAppliableIndex(allowUnstable) + 1;
        if (lo >= hi) {
            return List.of();
        }
        long maxSize = maxApplyingEntsSize - applyingEntsSize;
        if (maxSize <= 0) {
            throw new IllegalStateException("applying entry size (" + applyingEntsSize + "-" + maxApplyingEntsSize
                    + ")=" + maxSize + " not positive");
        }
        return slice(lo, hi, maxSize);
    }

    boolean hasNextCommittedEnts(boolean allowUnstable) {
        if (applyingEntsPaused || hasNextOrInProgressSnapshot()) {
            return false;
        }
        return applying + 1 < maxAppliableIndex(allowUnstable) + 1;
    }

    private long maxAppliableIndex(boolean allowUnstable) {
        long hi = committed;
        if (!allowUnstable) {
            hi = Math.min(hi, unstable.offset - 1);
        }
        return hi;
    }

    Snapshot nextUnstableSnapshot() {
        return unstable.nextSnapshot();
    }

    boolean hasNextUnstableSnapshot() {
        return unstable.nextSnapshot() != null;
    }

    boolean hasNextOrInProgressSnapshot() {
        return unstable.snapshot != null;
    }

    Snapshot snapshot() {
        if (unstable.snapshot != null) {
            return unstable.snapshot;
        }
        return storage.snapshot();
    }

    long firstIndex() {
        long i = unstable.maybeFirstIndex();
        return i >= 0 ? i : storage.firstIndex();
    }

    long lastIndex() {
        long i = unstable.maybeLastIndex();
        return i >= 0 ? i : storage.lastIndex();
    }

    void commitTo(long toCommit) {
        if (committed < toCommit) {
            if (lastIndex() < toCommit) {
                throw new IllegalStateException("tocommit(" + toCommit + ") is out of range [lastIndex(" + lastIndex()
                        + ")]. Was the raft log corrupted, truncated, or lost?");
            }
            committed = toCommit;
        }
    }

    void appliedTo(long i, long size) {
        if (committed < i || i < applied) {
            throw new IllegalStateException("applied(" + i + ") is out of range [prevApplied(" + applied
                    + "), committed(" + committed + ")]");
        }
        applied = i;
        applying = Math.max(applying, i);
        applyingEntsSize = applyingEntsSize > size ? applyingEntsSize - size : 0;
        applyingEntsPaused = applyingEntsSize >= maxApplyingEntsSize;
    }

    void acceptApplying(long i, long size, boolean allowUnstable) {
        if (committed < i) {
            throw new IllegalStateException("applying(" + i + ") is out of range [prevApplying(" + applying
                    + "), committed(" + committed + ")]");
        }
        applying = i;
        applyingEntsSize += size;
        // Pause when over budget, or when the budget cut the batch short: the rest comes after this batch is applied.
        applyingEntsPaused = applyingEntsSize >= maxApplyingEntsSize || i < maxAppliableIndex(allowUnstable);
    }

    void stableTo(long index, long term) {
        unstable.stableTo(index, term);
    }

    void stableSnapTo(long index) {
        unstable.stableSnapTo(index);
    }

    void acceptUnstable() {
        unstable.acceptInProgress();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /**
     * Term of the entry at i; valid for [firstIndex-1, lastIndex].
     *
     * @throws CompactedException below that range
     * @throws UnavailableException above it
     */
    long term(long i) {
        long t = termOrNegative(i);
        if (t >= 0) {
            return t;
        }
        if (i + 1 < firstIndex()) {
            throw new CompactedException();
        }
        throw new UnavailableException();
    }

    /** Term of the entry at i, or -1 outside [firstIndex-1, lastIndex]; the hot-path form of {@link #term}. */
    long termOrNegative(long i) {
        long t = unstable.maybeTerm(i);
        if (t >= 0) {
            return t;
        }
        if (i + 1 < firstIndex() || i > lastIndex()) {
            return -1;
        }
        try {
            return storage.term(i);
        } catch (CompactedException | UnavailableException e) {
            return -1;
        }
    }

    long zeroTermOnOutOfBounds(long i) {
        return Math.max(termOrNegative(i), 0);
    }

    /** Entries from i to the end, at most maxSize bytes (at least one). */
    List<Entry> entries(long i, long maxSize) {
        if (i > lastIndex()) {
            return List.of();
        }
        return slice(i, lastIndex() + 1, maxSize);
    }

    List<Entry> allEntries() {
        return entries(firstIndex(), Long.MAX_VALUE);
    }

    /** Raft §5.4.1: is a candidate's log (lastIndex, lastTerm) at least as up to date as ours? */
    boolean isUpToDate(long lastIdx, long term) {
        long ourLastTerm = lastTerm();
        return term > ourLastTerm || (term == ourLastTerm && lastIdx >= lastIndex());
    }

    boolean matchTerm(long i, long term) {
        return termOrNegative(i) == term;
    }

    /** Commits up to maxIndex only if that entry is of the given (current) term — Raft §5.4.2. */
    boolean maybeCommit(long maxIndex, long term) {
        if (term != 0 && maxIndex > committed && maxIndex != Long.MAX_VALUE && matchTerm(maxIndex, term)) {
            commitTo(maxIndex);
            return true;
        }
        return false;
    }

    void restore(Snapshot s) {
        logger.info("restore", "log [" + this + "] starts to restore snapshot [index: " + s.getMetadata().getIndex()
                + ", term: " + s.getMetadata().getTerm() + "]");
        committed = s.getMetadata().getIndex();
        unstable.restore(s);
    }

    /** Entries [lo, hi) of at most maxSize bytes (at least one), from storage and/or the unstable tail. */
    List<Entry> slice(long lo, long hi, long maxSize) {
        checkOutOfBounds(lo, hi);
        if (lo == hi) {
            return List.of();
        }
        if (lo >= unstable.offset) {
            return new ArrayList<>(EntrySizes.limitSize(unstable.slice(lo, hi), maxSize));
        }
        long cut = Math.min(hi, unstable.offset);
        List<Entry> ents;
        try {
            ents = storage.entries(lo, cut, maxSize);
        } catch (UnavailableException e) {
            throw new IllegalStateException("entries[" + lo + ":" + cut + ") is unavailable from storage");
        }
        if (hi <= unstable.offset || ents.size() < cut - lo) {
            return ents;
        }
        long size = EntrySizes.entsSize(ents);
        if (size >= maxSize) {
            return ents;
        }
        List<Entry> tail = EntrySizes.limitSize(unstable.slice(unstable.offset, hi), maxSize - size);
        if (tail.size() == 1 && size + EntrySizes.entsSize(tail) > maxSize) {
            return ents;
        }
        ArrayList<Entry> out = new ArrayList<>(ents.size() + tail.size());
        out.addAll(ents);
        out.addAll(tail);
        return out;
    }

    private void checkOutOfBounds(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalStateException("invalid slice " + lo + " > " + hi);
        }
        long fi = firstIndex();
        if (lo < fi) {
            throw new CompactedException();
        }
        long length = lastIndex() + 1 - fi;
        if (hi > fi + length) {
            throw new IllegalStateException("slice[" + lo + "," + hi + ") out of bound [" + fi + "," + lastIndex() + "]");
        }
    }
}
