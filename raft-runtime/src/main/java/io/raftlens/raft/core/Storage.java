package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.List;

/**
 * The stable (already persisted) part of the log, as etcd's {@code Storage}. Raft only reads it; the
 * driver writes it from each {@link Ready}.
 */
public interface Storage {
    InitialState initialState();

    /**
     * Entries in [lo, hi), at least one if any are in range, then as many as fit in {@code maxSize} bytes.
     *
     * @throws CompactedException if lo is at or below the first index's predecessor
     * @throws UnavailableException if the storage holds no entries
     */
    List<Entry> entries(long lo, long hi, long maxSize);

    /** Term of the entry at {@code index}; valid for [firstIndex-1, lastIndex]. */
    long term(long index);

    long lastIndex();

    long firstIndex();

    /** @throws SnapshotTemporarilyUnavailableException when the snapshot is being prepared */
    Snapshot snapshot();
}
