package io.raftlens.raft.wal;

import static io.raftlens.raft.wal.WalTestSupport.ID;
import static io.raftlens.raft.wal.WalTestSupport.entries;
import static io.raftlens.raft.wal.WalTestSupport.entry;
import static io.raftlens.raft.wal.WalTestSupport.hs;
import static io.raftlens.raft.wal.WalTestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("wal");
    }

    @Test
    void roundTripKeepsHardStateEntriesAndMetadata() {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            assertTrue(wal.contents().entries().isEmpty());
            wal.save(hs(1, 1, 0), entries(1, 3, 1), true);
            wal.save(hs(2, 2, 3), entries(4, 6, 2), true);
        }
        try (Wal wal = Wal.open(dir(), options())) {
            WalContents c = wal.contents();
            assertEquals(ID, c.metadata());
            assertEquals(hs(2, 2, 3), c.hardState());
            List<Entry> expected = new ArrayList<>(entries(1, 3, 1));
            expected.addAll(entries(4, 6, 2));
            assertEquals(expected, c.entries());
            assertEquals(6, c.lastIndex());
        }
        assertTrue(Files.exists(dir().resolve("0000000000000000-0000000000000000.wal")));
    }

    @Test
    void laterEntriesOverwriteAConflictingSuffix() {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 2), entries(1, 5, 1), true);
            wal.save(hs(2, 3, 2), entries(3, 4, 2), true); // new leader truncates 3..5 and writes 3..4
        }
        try (Wal wal = Wal.open(dir(), options())) {
            List<Entry> expected = new ArrayList<>(entries(1, 2, 1));
            expected.addAll(entries(3, 4, 2));
            assertEquals(expected, wal.contents().entries());
        }
    }

    @Test
    void createRefusesAnExistingLogAndOpenRefusesAnEmptyDir() throws IOException {
        Wal.create(dir(), ID, options()).close();
        WalException e = assertThrows(WalException.class, () -> Wal.create(dir(), ID, options()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        WalException e2 = assertThrows(WalException.class, () -> Wal.open(empty, options()));
        assertTrue(e2.getMessage().contains("no WAL in"), e2.getMessage());
    }

    @Test
    void tornLastRecordIsTruncatedAtEveryByteOffset() throws IOException {
        Path master = tmp.resolve("master");
        long before;
        long after;
        Path segment = master.resolve("0000000000000000-0000000000000000.wal");
        try (Wal wal = Wal.create(master, ID, options())) {
            wal.save(hs(1, 1, 1), entries(1, 3, 1), true);
            before = Files.size(segment);
            wal.save(null, List.of(entry(4, 1)), true);
            after = Files.size(segment);
        }
        assertTrue(after - before > RecordCodec.HEADER_BYTES);
        for (long cut = before; cut < after; cut++) {
            Path copy = tmp.resolve("cut-" + cut);
            copyDir(master, copy);
            Path seg = copy.resolve(segment.getFileName());
            try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.setLength(cut);
            }
            try (Wal wal = Wal.open(copy, options())) {
                assertEquals(entries(1, 3, 1), wal.contents().entries(), "cut at " + cut);
                assertEquals(hs(1, 1, 1), wal.contents().hardState());
                assertEquals(before, Files.size(seg), "tail truncated to the last whole record, cut at " + cut);
                wal.save(null, List.of(entry(4, 2)), true); // appending continues on the repaired file
            }
            try (Wal wal = Wal.open(copy, options())) {
                assertEquals(entry(4, 2), wal.contents().entries().get(3), "cut at " + cut);
            }
        }
    }

    @Test
    void zeroFilledTailLeftByAnExtendedFileIsTorn() throws IOException {
        Path segment;
        long before;
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 1), entries(1, 2, 1), true);
            segment = dir().resolve("0000000000000000-0000000000000000.wal");
            before = Files.size(segment);
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(before + 4096); // file size reached the disk, the data did not
        }
        try (Wal wal = Wal.open(dir(), options())) {
            assertEquals(entries(1, 2, 1), wal.contents().entries());
            assertEquals(before, Files.size(segment));
        }
    }

    @Test
    void flippedBitInAnEarlierRecordIsRefusedNamingFileAndOffset() throws IOException {
        Path segment = dir().resolve("0000000000000000-0000000000000000.wal");
        long secondEntryOffset;
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(null, List.of(entry(1, 1)), true);
            secondEntryOffset = Files.size(segment);
            wal.save(null, List.of(entry(2, 1)), true);
            wal.save(hs(1, 1, 2), entries(3, 5, 1), true);
        }
        byte[] original = Files.readAllBytes(segment);
        // a bit flip in the payload, then one in the length field of the header
        for (long flipAt : new long[] {secondEntryOffset + RecordCodec.HEADER_BYTES + 3, secondEntryOffset + 2}) {
            byte[] data = original.clone();
            data[(int) flipAt] ^= 0x10;
            Files.write(segment, data);
            WalCorruptedException e = assertThrows(WalCorruptedException.class, () -> Wal.open(dir(), options()));
            assertEquals(secondEntryOffset, e.offset());
            assertEquals(segment, e.file());
            assertTrue(e.getMessage().startsWith("WAL " + segment + " is corrupt at offset " + secondEntryOffset + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(
                    "restore this node from a snapshot or remove its data dir to rejoin"), e.getMessage());
            assertEquals(original.length, Files.size(segment), "a corrupt log is never truncated");
        }
        byte[] data = original.clone();
        data[(int) secondEntryOffset + RecordCodec.HEADER_BYTES + 3] ^= 0x10;
        Files.write(segment, data);
        assertTrue(assertThrows(WalCorruptedException.class, () -> Wal.open(dir(), options()))
                .getMessage().contains("CRC mismatch"));
    }

    @Test
    void flippedBitInTheLastRecordIsNotMistakenForATornWrite() throws IOException {
        Path segment = dir().resolve("0000000000000000-0000000000000000.wal");
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 1), entries(1, 2, 1), true);
        }
        byte[] data = Files.readAllBytes(segment);
        data[data.length - 2] ^= 0x01;
        Files.write(segment, data);
        assertThrows(WalCorruptedException.class, () -> Wal.open(dir(), options()));
    }

    @Test
    void segmentsAreCutAtTheSizeCapAndReplayedInOrder() throws IOException {
        WalOptions small = options().withSegmentBytes(4096);
        List<Entry> all = new ArrayList<>();
        try (Wal wal = Wal.create(dir(), ID, small)) {
            for (long i = 1; i <= 300; i++) {
                Entry e = entry(i, 1);
                all.add(e);
                wal.save(hs(1, 1, i - 1), List.of(e), true);
            }
            assertTrue(wal.segmentCount() > 2, "segments: " + wal.segmentCount());
        }
        List<String> names;
        try (Stream<Path> s = Files.list(dir())) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wal")).sorted().toList();
        }
        assertEquals("0000000000000000-0000000000000000.wal", names.get(0));
        assertTrue(names.get(1).startsWith("0000000000000001-"), names.toString());
        try (Wal wal = Wal.open(dir(), small)) {
            assertEquals(all, wal.contents().entries());
            assertEquals(hs(1, 1, 299), wal.contents().hardState());
        }
        // a missing middle segment is refused
        Files.delete(dir().resolve(names.get(1)));
        WalCorruptedException e = assertThrows(WalCorruptedException.class, () -> Wal.open(dir(), small));
        assertTrue(e.getMessage().contains("segment sequence 1 is missing (found 2)"), e.getMessage());
    }

    @Test
    void releaseDeletesSegmentsBelowASnapshotAndReplayStartsThere() throws IOException {
        WalOptions small = options().withSegmentBytes(4096);
        try (Wal wal = Wal.create(dir(), ID, small)) {
            for (long i = 1; i <= 300; i++) {
                wal.save(hs(1, 1, i), List.of(entry(i, 1)), true);
            }
            int before = wal.segmentCount();
            SnapshotMetadata snap = SnapshotMetadata.newBuilder().setIndex(250).setTerm(1)
                    .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2).addVoters(3)).build();
            wal.saveSnapshot(snap);
            wal.releaseTo(250);
            assertTrue(wal.segmentCount() < before, before + " -> " + wal.segmentCount());
            assertTrue(wal.segmentCount() >= 1);
            wal.save(hs(1, 1, 301), List.of(entry(301, 1)), true);
        }
        try (Wal wal = Wal.open(dir(), small)) {
            WalContents c = wal.contents();
            assertEquals(250, c.snapshots().get(c.snapshots().size() - 1).getIndex());
            assertEquals(entries(251, 301, 1), c.entriesAfter(250));
            assertThrows(WalException.class, () -> c.entriesAfter(100));
        }
    }

    @Test
    void snapshotFromALeaderReplacesAnUnmatchedLog() {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 3), entries(1, 5, 1), true);
            // leader sends snapshot at index 10 term 3: the local log does not contain it
            wal.saveSnapshot(SnapshotMetadata.newBuilder().setIndex(10).setTerm(3).build());
            wal.save(hs(3, 2, 10), entries(11, 12, 3), true);
        }
        try (Wal wal = Wal.open(dir(), options())) {
            assertEquals(entries(11, 12, 3), wal.contents().entriesAfter(10));
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void aLogOpenedByOneNodeCannotBeOpenedByAnother() {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            WalException e = assertThrows(WalException.class, () -> Wal.open(dir(), options()));
            assertEquals("WAL " + dir() + " is in use by another running node; stop it or use another data dir",
                    e.getMessage());
        }
        Wal.open(dir(), options()).close(); // released on close
        Wal killed = Wal.open(dir(), options());
        killed.kill();
        Wal.open(dir(), options()).close(); // and on kill
    }

    @Test
    void killDropsWhatWasNotSynced() {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 1), entries(1, 2, 1), true);
            wal.save(hs(1, 1, 2), List.of(), false); // a commit-index update: written, not synced
            wal.kill();
        }
        try (Wal wal = Wal.open(dir(), options())) {
            assertEquals(hs(1, 1, 1), wal.contents().hardState());
            assertEquals(entries(1, 2, 1), wal.contents().entries());
        }
    }

    @Test
    void leftoverTemporarySegmentFromAnInterruptedCutIsIgnored() throws IOException {
        try (Wal wal = Wal.create(dir(), ID, options())) {
            wal.save(hs(1, 1, 1), entries(1, 2, 1), true);
        }
        Path leftover = dir().resolve("0000000000000001-0000000000000003.wal.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});
        try (Wal wal = Wal.open(dir(), options())) {
            assertEquals(entries(1, 2, 1), wal.contents().entries());
        }
        assertFalse(Files.exists(leftover));
    }
}
