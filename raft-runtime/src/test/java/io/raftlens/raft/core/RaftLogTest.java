package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.entry;
import static io.raftlens.raft.core.Fixtures.log;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raft log over stable storage plus the unstable tail (etcd log_test / log_unstable_test). */
class RaftLogTest {

    private static RaftLog logWith(long... terms) {
        RaftLog l = new RaftLog(new MemoryStorage(), new RecordingLogger(), Long.MAX_VALUE);
        l.append(log(terms));
        return l;
    }

    @Test
    void findConflictReturnsFirstMismatchOrNewEntry() {
        RaftLog l = logWith(1, 2, 3);
        assertEquals(0, l.findConflict(List.of()));
        assertEquals(0, l.findConflict(List.of(entry(2, 2), entry(3, 3))), "all present");
        assertEquals(4, l.findConflict(List.of(entry(3, 3), entry(4, 4))), "first new entry");
        assertEquals(2, l.findConflict(List.of(entry(2, 1), entry(3, 4))), "term mismatch");
    }

    @Test
    void maybeAppendTruncatesOnlyUncommittedConflicts() {
        RaftLog l = logWith(1, 2, 3);
        l.commitTo(1);
        assertEquals(-1, l.maybeAppend(3, 2, 3, List.of(entry(4, 4))), "previous entry does not match");
        assertEquals(4, l.maybeAppend(2, 2, 3, List.of(entry(3, 4), entry(4, 4))));
        assertEquals(3, l.committed, "commit is min(leader commit, last new index)");
        assertEquals(4, l.term(3));
        assertThrows(IllegalStateException.class, () -> l.maybeAppend(1, 1, 3, List.of(entry(2, 5))),
                "an entry conflicting with a committed one means a corrupted log or a broken leader");
    }

    @Test
    void upToDateComparesLastTermThenLength() {
        RaftLog l = logWith(1, 2, 3);
        assertTrue(l.isUpToDate(1, 4));
        assertTrue(l.isUpToDate(3, 3));
        assertTrue(l.isUpToDate(4, 3));
        assertFalse(l.isUpToDate(2, 3));
        assertFalse(l.isUpToDate(9, 2));
    }

    @Test
    void commitsOnlyEntriesOfTheGivenTerm() {
        RaftLog l = logWith(1, 1, 2);
        assertFalse(l.maybeCommit(2, 2), "entry 2 is of term 1");
        assertTrue(l.maybeCommit(3, 2));
        assertEquals(3, l.committed);
        assertThrows(IllegalStateException.class, () -> l.commitTo(9));
    }

    @Test
    void findConflictByTermSkipsHigherTermSuffix() {
        RaftLog l = logWith(1, 1, 2, 4, 4, 5);
        assertArrayEquals(new long[] {3, 2}, l.findConflictByTerm(6, 3));
        assertArrayEquals(new long[] {6, 5}, l.findConflictByTerm(6, 5));
        assertArrayEquals(new long[] {2, 1}, l.findConflictByTerm(2, 1));
        assertArrayEquals(new long[] {0, 0}, l.findConflictByTerm(6, 0));
    }

    @Test
    void sliceSpansStorageAndUnstableWithinSizeLimit() {
        MemoryStorage ms = new MemoryStorage();
        ms.append(log(1, 1, 1));
        RaftLog l = new RaftLog(ms, new RecordingLogger(), Long.MAX_VALUE);
        l.append(List.of(entry(4, 2), entry(5, 2)));
        assertEquals(log(1, 1, 1, 2, 2), l.slice(1, 6, Long.MAX_VALUE));
        long one = entry(1, 1).getSerializedSize();
        assertEquals(log(1, 1, 1, 2), l.slice(1, 6, 4 * one));
        assertEquals(log(1), l.slice(1, 6, 0));
        assertThrows(IllegalStateException.class, () -> l.slice(1, 7, Long.MAX_VALUE));
    }

    @Test
    void termsOutsideTheLogAreCompactedOrUnavailable() {
        MemoryStorage ms = new MemoryStorage();
        ms.append(log(1, 1, 2, 2));
        ms.compact(2);
        RaftLog l = new RaftLog(ms, new RecordingLogger(), Long.MAX_VALUE);
        assertThrows(CompactedException.class, () -> l.term(1));
        assertEquals(1, l.term(2), "the compaction point keeps its term for matching");
        assertThrows(UnavailableException.class, () -> l.term(5));
        assertEquals(0, l.zeroTermOnOutOfBounds(5));
    }

    @Test
    void restoreReplacesEverythingWithTheSnapshot() {
        RaftLog l = logWith(1, 1);
        Snapshot s = Snapshot.newBuilder().setMetadata(SnapshotMetadata.newBuilder().setIndex(10).setTerm(3)).build();
        l.restore(s);
        assertEquals(10, l.committed);
        assertEquals(10, l.lastIndex());
        assertEquals(11, l.firstIndex());
        assertEquals(3, l.lastTerm());
        assertTrue(l.hasNextOrInProgressSnapshot());
        assertEquals(List.<Entry>of(), l.nextCommittedEnts(true), "nothing to apply before the snapshot is");
    }

    @Test
    void unstableEntriesAreHandedOutOnceAndDroppedWhenStable() {
        RaftLog l = logWith(1, 1);
        assertEquals(log(1, 1), l.nextUnstableEnts());
        l.acceptUnstable();
        assertFalse(l.hasNextUnstableEnts());
        l.append(List.of(entry(3, 1)));
        assertEquals(List.of(entry(3, 1)), l.nextUnstableEnts(), "only what was not handed out yet");
        l.stableTo(2, 1);
        assertEquals(3, l.unstable.offset);
        l.stableTo(3, 9);
        assertEquals(3, l.unstable.offset, "a term mismatch means the entry was replaced: keep it");
    }

    @Test
    void truncatingAppendRewindsWhatWasHandedOut() {
        UnstableLog u = new UnstableLog(new RecordingLogger(), 5);
        u.truncateAndAppend(List.of(entry(5, 1), entry(6, 1), entry(7, 1)));
        u.acceptInProgress();
        u.truncateAndAppend(List.of(entry(6, 2)));
        assertEquals(List.of(entry(5, 1), entry(6, 2)), u.entries);
        assertEquals(6, u.offsetInProgress, "entry 6 must be persisted again");
        u.truncateAndAppend(List.of(entry(4, 3)));
        assertEquals(List.of(entry(4, 3)), u.entries);
        assertEquals(4, u.offset);
    }
}
