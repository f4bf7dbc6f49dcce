package io.raftlens.raft.core;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory {@link Storage}, etcd's {@code MemoryStorage}. Element 0 of the entry list is a dummy entry
 * carrying the index and term of the latest snapshot (or compaction point). Thread-safe, because a
 * driver may write it from its persistence path while the raft loop reads it.
 */
public final class MemoryStorage implements Storage {
    private HardState hardState = HardState.getDefaultInstance();
    private Snapshot snapshot = Snapshot.getDefaultInstance();
    private final ArrayList<Entry> ents = new ArrayList<>();

    public MemoryStorage() {
        ents.add(Entry.getDefaultInstance());
    }

    /** A fresh storage whose (empty) snapshot at index 0 already carries the membership, as etcd's tests build. */
    static MemoryStorage withMembers(ConfState cs) {
        MemoryStorage ms = new MemoryStorage();
        ms.snapshot = Snapshot.newBuilder().setMetadata(SnapshotMetadata.newBuilder().setConfState(cs)).build();
        return ms;
    }

    @Override
    public synchronized InitialState initialState() {
        return new InitialState(hardState, snapshot.getMetadata().getConfState());
    }

    public synchronized void setHardState(HardState hs) {
        this.hardState = hs;
    }

    @Override
    public synchronized List<Entry> entries(long lo, long hi, long maxSize) {
        long offset = ents.get(0).getIndex();
        if (lo <= offset) {
            throw new CompactedException();
        }
        if (hi > lastIndexLocked() + 1) {
            throw new IllegalArgumentException("entries' hi(" + hi + ") is out of bound lastindex(" + lastIndexLocked() + ")");
        }
        if (ents.size() == 1) {
            throw new UnavailableException();
        }
        List<Entry> slice = ents.subList((int) (lo - offset), (int) (hi - offset));
        return new ArrayList<>(EntrySizes.limitSize(slice, maxSize));
    }

    @Override
    public synchronized long term(long index) {
        long offset = ents.get(0).getIndex();
        if (index < offset) {
            throw new CompactedException();
        }
        if (index - offset >= ents.size()) {
            throw new UnavailableException();
        }
        return ents.get((int) (index - offset)).getTerm();
    }

    @Override
    public synchronized long lastIndex() {
        return lastIndexLocked();
    }

    private long lastIndexLocked() {
        return ents.get(0).getIndex() + ents.size() - 1;
    }

    @Override
    public synchronized long firstIndex() {
        return ents.get(0).getIndex() + 1;
    }

    @Override
    public synchronized Snapshot snapshot() {
        return snapshot;
    }

    /** Replaces the storage contents with a snapshot received from the leader. */
    public synchronized void applySnapshot(Snapshot snap) {
        if (snapshot.getMetadata().getIndex() >= snap.getMetadata().getIndex()) {
            throw new SnapshotOutOfDateException();
        }
        snapshot = snap;
        ents.clear();
        ents.add(dummy(snap.getMetadata().getIndex(), snap.getMetadata().getTerm()));
    }

    /**
     * Records a snapshot of the state machine at {@code index} (which must be applied); compact the log
     * separately with {@link #compact(long)}.
     *
     * @param cs the configuration at {@code index}, or null to keep the previous snapshot's
     */
    public synchronized Snapshot createSnapshot(long index, ConfState cs, ByteString data) {
        if (index <= snapshot.getMetadata().getIndex()) {
            throw new SnapshotOutOfDateException();
        }
        long offset = ents.get(0).getIndex();
        if (index > lastIndexLocked()) {
            throw new IllegalArgumentException("snapshot " + index + " is out of bound lastindex(" + lastIndexLocked() + ")");
        }
        SnapshotMetadata.Builder md = SnapshotMetadata.newBuilder()
                .setIndex(index)
                .setTerm(ents.get((int) (index - offset)).getTerm())
                .setConfState(cs != null ? cs : snapshot.getMetadata().getConfState());
        snapshot = Snapshot.newBuilder().setMetadata(md).setData(data == null ? ByteString.EMPTY : data).build();
        return snapshot;
    }

    /** Discards all entries up to and including {@code compactIndex}; the caller must not compact past applied. */
    public synchronized void compact(long compactIndex) {
        long offset = ents.get(0).getIndex();
        if (compactIndex <= offset) {
            throw new CompactedException();
        }
        if (compactIndex > lastIndexLocked()) {
            throw new IllegalArgumentException("compact " + compactIndex + " is out of bound lastindex(" + lastIndexLocked() + ")");
        }
        int i = (int) (compactIndex - offset);
        Entry last = ents.get(i);
        ents.subList(0, i).clear();
        ents.set(0, dummy(last.getIndex(), last.getTerm()));
    }

    /**
     * Appends entries, which must be contiguous; entries that overlap the existing log replace its
     * suffix from their first index on (a new leader overwrote an uncommitted tail).
     */
    public synchronized void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = ents.get(0).getIndex() + 1;
        long firstNew = entries.get(0).getIndex();
        long last = firstNew + entries.size() - 1;
        if (last < first) {
            return;
        }
        if (first > firstNew) {
            entries = entries.subList((int) (first - firstNew), entries.size());
            firstNew = first;
        }
        long offset = firstNew - ents.get(0).getIndex();
        if (ents.size() > offset) {
            ents.subList((int) offset, ents.size()).clear();
            ents.addAll(entries);
        } else if (ents.size() == offset) {
            ents.addAll(entries);
        } else {
            throw new IllegalArgumentException("missing log entry [last: " + lastIndexLocked() + ", append at: " + firstNew + "]");
        }
    }

    private static Entry dummy(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term).build();
    }
}
