package io.raftlens.raft.wal;

import static io.raftlens.raft.wal.WalTestSupport.ID;
import static io.raftlens.raft.wal.WalTestSupport.entries;
import static io.raftlens.raft.wal.WalTestSupport.entry;
import static io.raftlens.raft.wal.WalTestSupport.hs;
import static io.raftlens.raft.wal.WalTestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk and failing fsync: a clear, specific error, the log stops, and what was synced stays intact. */
class WalFailureTest {
    @TempDir
    Path tmp;

    @Test
    void diskFullDuringWriteStopsTheLogWithoutCorruptingIt() {
        Path dir = tmp.resolve("wal");
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        try (Wal wal = Wal.create(dir, ID, options().withOpener(faults.opener()))) {
            wal.save(hs(1, 1, 2), entries(1, 2, 1), true);
            faults.writeBudget.set(20); // the next record is written only partly, then ENOSPC
            WalWriteException e = assertThrows(WalWriteException.class,
                    () -> wal.save(hs(1, 1, 3), entries(3, 6, 1), true));
            assertTrue(e.diskFull());
            assertTrue(e.getMessage().startsWith("channel mychannel node 1: disk full, cannot write "), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertTrue(e.getMessage().contains("free space on that volume and restart the node"), e.getMessage());
            faults.writeBudget.set(Long.MAX_VALUE);
            // the log stays stopped: an fsync failure leaves the page cache state unknown
            WalWriteException again = assertThrows(WalWriteException.class,
                    () -> wal.save(null, List.of(entry(3, 1)), true));
            assertTrue(again.getMessage().startsWith("the log stopped after an earlier failure: "), again.getMessage());
        }
        try (Wal wal = Wal.open(dir, options())) {
            assertEquals(entries(1, 2, 1), wal.contents().entries());
            assertEquals(hs(1, 1, 2), wal.contents().hardState());
            wal.save(hs(1, 1, 3), List.of(entry(3, 1)), true);
        }
    }

    @Test
    void failingFsyncIsReportedAndNotAcknowledged() {
        Path dir = tmp.resolve("wal");
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        try (Wal wal = Wal.create(dir, ID, options().withOpener(faults.opener()))) {
            faults.failForce = true;
            CompletableFuture<Void> f = wal.saveAsync(hs(1, 1, 0), entries(1, 1, 1), true);
            CompletionException ce = assertThrows(CompletionException.class, f::join);
            WalWriteException e = (WalWriteException) ce.getCause();
            assertTrue(!e.diskFull() && e.getMessage().contains("Input/output error"), e.getMessage());
            assertTrue(e.getMessage().contains("check the disk and restart the node"), e.getMessage());
        }
    }

    @Test
    void diskFullWhileCreatingIsASpecificError() {
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        faults.writeBudget.set(0);
        WalWriteException e = assertThrows(WalWriteException.class,
                () -> Wal.create(tmp.resolve("wal"), ID, options().withOpener(faults.opener())));
        assertTrue(e.diskFull(), e.getMessage());
    }
}
