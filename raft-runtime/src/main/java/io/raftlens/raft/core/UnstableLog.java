package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Entries and a snapshot not yet written to {@link Storage} (etcd's log_unstable.go). {@code offset} is the
 * index of {@code entries[0]}; entries below {@code offsetInProgress} were handed to the driver in a Ready
 * and await {@link #stableTo}.
 */
final class UnstableLog {
    private final RaftLogger logger;
    Snapshot snapshot;
    final ArrayList<Entry> entries = new ArrayList<>();
    long offset;
    boolean snapshotInProgress;
    long offsetInProgress;

    UnstableLog(RaftLogger logger, long offset) {
        this.logger = logger;
        this.offset = offset;
        this.offsetInProgress = offset;
    }

    /** Index of the first entry, known only if there is a snapshot; else -1. */
    long maybeFirstIndex() {
        return snapshot != null ? snapshot.getMetadata().getIndex() + 1 : -1;
    }

    /** Index of the last entry or snapshot, or -1 if there is neither. */
    long maybeLastIndex() {
        if (!entries.isEmpty()) {
            return offset + entries.size() - 1;
        }
        return snapshot != null ? snapshot.getMetadata().getIndex() : -1;
    }

    /** Term of the entry at index i if this log holds it, else -1. */
    long maybeTerm(long i) {
        if (i < offset) {
            if (snapshot != null && snapshot.getMetadata().getIndex() == i) {
                return snapshot.getMetadata().getTerm();
            }
            return -1;
        }
        long last = maybeLastIndex();
        if (last < 0 || i > last) {
            return -1;
        }
        return entries.get((int) (i - offset)).getTerm();
    }

    /** Entries not yet handed out for persistence (a copy), or an empty list. */
    List<Entry> nextEntries() {
        int inProgress = (int) (offsetInProgress - offset);
        if (entries.size() == inProgress) {
            return List.of();
        }
        return new ArrayList<>(entries.subList(inProgress, entries.size()));
    }

    boolean hasNextEntries() {
        return entries.size() > offsetInProgress - offset;
    }

    Snapshot nextSnapshot() {
        return snapshot == null || snapshotInProgress ? null : snapshot;
    }

    /** Marks everything currently held as handed to the driver. */
    void acceptInProgress() {
        if (!entries.isEmpty()) {
            offsetInProgress = entries.get(entries.size() - 1).getIndex() + 1;
        }
        if (snapshot != null) {
            snapshotInProgress = true;
        }
    }

    /** The driver persisted entries up to (index, term); drop them unless the log changed meanwhile. */
    void stableTo(long index, long term) {
        long gt = maybeTerm(index);
        if (gt < 0) {
            logger.info("stableTo", "entry at index " + index + " missing from unstable log; ignoring");
            return;
        }
        if (index < offset) {
            logger.info("stableTo", "entry at index " + index + " matched unstable snapshot; ignoring");
            return;
        }
        if (gt != term) {
            logger.info("stableTo", "entry at (index,term)=(" + index + "," + term + ") mismatched with entry at ("
                    + index + "," + gt + ") in unstable log; ignoring");
            return;
        }
        int num = (int) (index + 1 - offset);
        if (num == entries.size()) {
            entries.clear();
        } else {
            entries.subList(0, num).clear();
        }
        offset = index + 1;
        offsetInProgress = Math.max(offsetInProgress, offset);
    }

    void stableSnapTo(long index) {
        if (snapshot != null && snapshot.getMetadata().getIndex() == index) {
            snapshot = null;
            snapshotInProgress = false;
        }
    }

    void restore(Snapshot s) {
        offset = s.getMetadata().getIndex() + 1;
        offsetInProgress = offset;
        entries.clear();
        snapshot = s;
        snapshotInProgress = false;
    }

    void truncateAndAppend(List<Entry> ents) {
        long fromIndex = ents.get(0).getIndex();
        if (fromIndex == offset + entries.size()) {
            entries.addAll(ents);
        } else if (fromIndex <= offset) {
            logger.info("truncateAndAppend", "replace the unstable entries from index " + fromIndex);
            entries.clear();
            entries.addAll(ents);
            offset = fromIndex;
            offsetInProgress = offset;
        } else {
            logger.info("truncateAndAppend", "truncate the unstable entries before index " + fromIndex);
            entries.subList((int) (fromIndex - offset), entries.size()).clear();
            entries.addAll(ents);
            offsetInProgress = Math.min(offsetInProgress, fromIndex);
        }
    }

    /** View of entries [lo, hi); the caller checks bounds. */
    List<Entry> slice(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalStateException("invalid unstable.slice " + lo + " > " + hi);
        }
        long upper = offset + entries.size();
        if (lo < offset || hi > upper) {
            throw new IllegalStateException("unstable.slice[" + lo + "," + hi + ") out of bound [" + offset + "," + upper + "]");
        }
        return entries.subList((int) (lo - offset), (int) (hi - offset));
    }
}
