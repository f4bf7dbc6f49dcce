package io.raftlens.raft.wal;

import static io.raftlens.raft.wal.WalTestSupport.ID;
import static io.raftlens.raft.wal.WalTestSupport.entries;
import static io.raftlens.raft.wal.WalTestSupport.hs;
import static io.raftlens.raft.wal.WalTestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftDiskTest {
    @TempDir
    Path tmp;

    @Test
    void restartResumesFromSnapshotHardStateAndEntries() {
        Path wal = tmp.resolve("wal/mychannel");
        Path snap = tmp.resolve("snap/mychannel");
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            assertTrue(disk.recovered().fresh());
            assertNull(disk.recovered().snapshot());
            disk.persist(null, hs(2, 1, 5), entries(1, 8, 2), true).join();
            disk.saveLocalSnapshot(SnapshotStoreTest.snap(5, 2)).join();
            disk.persist(null, hs(2, 1, 9), entries(9, 10, 2), true).join();
        }
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            RaftDisk.Recovered r = disk.recovered();
            assertFalse(r.fresh());
            assertEquals(5, r.snapshotIndex());
            assertEquals(hs(2, 1, 9), r.hardState());
            assertEquals(entries(6, 10, 2), r.entries());
        }
    }

    @Test
    void snapshotFromTheLeaderIsPersistedBeforeTheEntriesAfterIt() {
        Path wal = tmp.resolve("wal");
        Path snap = tmp.resolve("snap");
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            disk.persist(null, hs(1, 1, 2), entries(1, 3, 1), true).join();
            disk.persist(SnapshotStoreTest.snap(40, 4), hs(4, 0, 40), entries(41, 42, 4), true).join();
        }
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            assertEquals(40, disk.recovered().snapshotIndex());
            assertEquals(entries(41, 42, 4), disk.recovered().entries());
        }
    }

    @Test
    void aSnapshotMarkerThatNoHardStateCommitsIsDroppedAtRestart() {
        Path wal = tmp.resolve("wal");
        Path snap = tmp.resolve("snap");
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            disk.persist(null, hs(1, 1, 2), entries(1, 3, 1), true).join();
            // what a power loss can leave of persist(snapshot 40, hs commit 40, …): the file and the WAL marker only
            disk.snapshots().save(SnapshotStoreTest.snap(40, 4));
            disk.wal().saveSnapshotAsync(SnapshotStoreTest.snap(40, 4).getMetadata()).join();
        }
        for (int restart = 0; restart < 2; restart++) {
            try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
                RaftDisk.Recovered r = disk.recovered();
                assertEquals(0, r.snapshotIndex(), "Raft cannot start from a snapshot above its commit index");
                assertEquals(hs(1, 1, 2 + restart), r.hardState());
                assertEquals(entries(1, 3, 1), r.entries());
                if (restart == 0) {
                    // the node goes on; the leader's snapshot arrives again and is recorded properly
                    disk.persist(null, hs(1, 1, 3), java.util.List.of(), false).join();
                }
            }
        }
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            disk.persist(SnapshotStoreTest.snap(40, 4), hs(4, 0, 40), entries(41, 42, 4), true).join();
        }
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            assertEquals(40, disk.recovered().snapshotIndex());
            assertEquals(hs(4, 0, 40), disk.recovered().hardState());
            assertEquals(entries(41, 42, 4), disk.recovered().entries());
        }
    }

    @Test
    void dataDirOfAnotherNodeIsRefused() {
        Path wal = tmp.resolve("wal");
        RaftDisk.open(wal, tmp.resolve("snap"), ID, options()).close();
        WalException e = assertThrows(WalException.class, () -> RaftDisk.open(wal, tmp.resolve("snap"),
                ByteString.copyFromUtf8("network other channel mychannel node 1"), options()));
        assertTrue(e.getMessage().contains("belongs to another node or network"), e.getMessage());
    }

    @Test
    void missingSnapshotFileForACompactedWalIsRefused() throws Exception {
        Path wal = tmp.resolve("wal");
        Path snap = tmp.resolve("snap");
        try (RaftDisk disk = RaftDisk.open(wal, snap, ID, options())) {
            disk.persist(null, hs(1, 1, 5), entries(1, 6, 1), true).join();
            disk.saveLocalSnapshot(SnapshotStoreTest.snap(5, 1)).join();
        }
        try (var s = Files.list(snap)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        WalException e = assertThrows(WalException.class, () -> RaftDisk.open(wal, snap, ID, options()));
        assertTrue(e.getMessage().contains("no usable snapshot"), e.getMessage());
    }
}
