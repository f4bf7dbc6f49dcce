package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.bytes;
import static io.raftlens.raft.core.Fixtures.entry;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftlens.raft.core.pb.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStorageTest {

    /** Entries 3..5 with terms 3, 4, 5 after a compaction at index 3 (etcd's storage_test layout). */
    private static MemoryStorage compactedAt3() {
        MemoryStorage ms = new MemoryStorage();
        ms.append(List.of(entry(1, 1), entry(2, 2), entry(3, 3), entry(4, 4), entry(5, 5)));
        ms.compact(3);
        return ms;
    }

    @Test
    void termIsAvailableFromTheCompactionPointToTheEnd() {
        MemoryStorage ms = compactedAt3();
        assertThrows(CompactedException.class, () -> ms.term(2));
        assertEquals(3, ms.term(3));
        assertEquals(5, ms.term(5));
        assertThrows(UnavailableException.class, () -> ms.term(6));
        assertEquals(4, ms.firstIndex());
        assertEquals(5, ms.lastIndex());
    }

    @Test
    void entriesAreLimitedBySizeButAlwaysAtLeastOne() {
        MemoryStorage ms = compactedAt3();
        assertThrows(CompactedException.class, () -> ms.entries(3, 5, Long.MAX_VALUE));
        assertEquals(List.of(entry(4, 4), entry(5, 5)), ms.entries(4, 6, Long.MAX_VALUE));
        assertEquals(List.of(entry(4, 4)), ms.entries(4, 6, 0));
        long one = entry(4, 4).getSerializedSize();
        assertEquals(List.of(entry(4, 4)), ms.entries(4, 6, one));
        assertEquals(2, ms.entries(4, 6, 2 * one).size());
        assertThrows(IllegalArgumentException.class, () -> ms.entries(4, 7, Long.MAX_VALUE));
    }

    @Test
    void appendReplacesConflictingSuffixAndSkipsCompactedEntries() {
        MemoryStorage ms = compactedAt3();
        ms.append(List.of(entry(4, 6), entry(5, 6)));
        assertEquals(List.of(entry(4, 6), entry(5, 6)), ms.entries(4, 6, Long.MAX_VALUE));
        ms.append(List.of(entry(2, 3), entry(3, 3), entry(4, 7)));
        assertEquals(List.of(entry(4, 7)), ms.entries(4, 5, Long.MAX_VALUE));
        assertEquals(4, ms.lastIndex());
        ms.append(List.of(entry(5, 7)));
        assertEquals(5, ms.lastIndex());
        assertThrows(IllegalArgumentException.class, () -> ms.append(List.of(entry(7, 7))), "a gap is refused");
    }

    @Test
    void snapshotsMustMoveForward() {
        MemoryStorage ms = compactedAt3();
        Snapshot s = ms.createSnapshot(4, voters(1, 2), bytes("data"));
        assertEquals(4, s.getMetadata().getIndex());
        assertEquals(4, s.getMetadata().getTerm());
        assertEquals(voters(1, 2), ms.initialState().confState());
        assertThrows(SnapshotOutOfDateException.class, () -> ms.createSnapshot(4, null, bytes("again")));
        assertThrows(IllegalArgumentException.class, () -> ms.createSnapshot(9, null, bytes("beyond")));

        MemoryStorage other = new MemoryStorage();
        other.applySnapshot(s);
        assertEquals(5, other.firstIndex());
        assertEquals(4, other.lastIndex());
        assertThrows(SnapshotOutOfDateException.class, () -> other.applySnapshot(s));
        assertThrows(UnavailableException.class, () -> other.entries(5, 5, Long.MAX_VALUE));
    }

    @Test
    void compactionBelowTheCurrentPointFails() {
        MemoryStorage ms = compactedAt3();
        assertThrows(CompactedException.class, () -> ms.compact(3));
        assertThrows(IllegalArgumentException.class, () -> ms.compact(6));
        ms.compact(5);
        assertEquals(6, ms.firstIndex());
        assertEquals(5, ms.term(5));
        assertThrows(UnavailableException.class, () -> ms.entries(6, 6, Long.MAX_VALUE));
    }
}
