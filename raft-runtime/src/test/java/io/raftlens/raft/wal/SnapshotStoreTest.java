package io.raftlens.raft.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path tmp;

    static Snapshot snap(long index, long term) {
        return Snapshot.newBuilder().setData(ByteString.copyFromUtf8("block at " + index))
                .setMetadata(SnapshotMetadata.newBuilder().setIndex(index).setTerm(term)
                        .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2).addVoters(3))).build();
    }

    @Test
    void savesWithEtcdNamesAndLoadsTheNewest() {
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1");
        assertTrue(store.loadNewest().isEmpty());
        Path f = store.save(snap(10, 2));
        assertEquals("0000000000000002-000000000000000a.snap", f.getFileName().toString());
        store.save(snap(20, 3));
        assertEquals(snap(20, 3), store.loadNewest().orElseThrow());
    }

    @Test
    void newestWithoutAWalMarkerIsSkipped() {
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1");
        store.save(snap(10, 2));
        store.save(snap(20, 3)); // crash before its WAL marker was written
        assertEquals(snap(10, 2), store.loadNewestAvailable(List.of(snap(10, 2).getMetadata())).orElseThrow());
    }

    @Test
    void damagedNewestFileFallsBackToTheOlderOneAndIsMarkedBroken() throws IOException {
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1");
        store.save(snap(10, 2));
        Path newest = store.save(snap(20, 3));
        byte[] data = Files.readAllBytes(newest);
        data[data.length - 3] ^= 0x40;
        Files.write(newest, data);
        assertEquals(snap(10, 2), store.loadNewest().orElseThrow());
        assertFalse(Files.exists(newest));
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".broken")));
    }

    @Test
    void failedSaveLeavesExistingSnapshotsAndNoPartialFile() throws IOException {
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1", faults.opener());
        store.save(snap(10, 2));
        faults.writeBudget.set(5);
        WalWriteException e = assertThrows(WalWriteException.class, () -> store.save(snap(20, 3)));
        assertTrue(e.diskFull() && e.getMessage().contains("save snapshot"), e.getMessage());
        try (Stream<Path> s = Files.list(tmp.resolve("snap"))) {
            assertEquals(List.of("0000000000000002-000000000000000a.snap"),
                    s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(snap(10, 2), store.loadNewest().orElseThrow());
    }

    @Test
    void leftoverTemporaryFileIsNeverLoaded() throws IOException {
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1");
        store.save(snap(10, 2));
        Path tmpFile = tmp.resolve("snap").resolve("0000000000000003-0000000000000014.snap.tmp");
        Files.write(tmpFile, new byte[] {1, 2});
        assertEquals(snap(10, 2), store.loadNewest().orElseThrow());
        assertFalse(Files.exists(tmpFile));
    }

    @Test
    void keepsOnlyTheNewestFive() throws IOException {
        SnapshotStore store = new SnapshotStore(tmp.resolve("snap"), "node 1");
        for (int i = 1; i <= 8; i++) {
            store.save(snap(i * 10L, 1));
        }
        try (Stream<Path> s = Files.list(tmp.resolve("snap"))) {
            assertEquals(SnapshotStore.KEEP, s.count());
        }
        assertEquals(80, store.loadNewest().orElseThrow().getMetadata().getIndex());
    }
}
