package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adversarial.md C3, H3, M2, M6, L7, L8: ledger recovery and the ledger tools on damaged or hostile block files. */
class LedgerSafetyTest {
    @TempDir
    Path tmp;

    /** A closed ledger of 41 blocks (0..40), returned with each record's offset. */
    private long[] ledger(Path dir, int blocks) {
        List<Block> chain = ChainFixture.chain("mychannel", blocks - 1, 2);
        long[] offsets = new long[blocks];
        long at = 0;
        try (FileLedger l = FileLedger.open(dir)) {
            for (int i = 0; i < blocks; i++) {
                offsets[i] = at;
                l.append(chain.get(i));
                at += BlockFiles.RECORD_HEADER + chain.get(i).toByteArray().length;
            }
        }
        return offsets;
    }

    private static void writeInt(Path file, long at, int value) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.writeInt(value);
        }
    }

    @Test
    void aDamagedLengthMidFileIsRefusedNotTruncated() throws Exception {
        Path dir = tmp.resolve("ledger");
        long[] offsets = ledger(dir, 41);
        Path file = dir.resolve("blockfile_000000");
        long size = Files.size(file);
        writeInt(file, offsets[3], 0x100000); // runs past the end of the file, like a torn write would
        Files.delete(dir.resolve("index")); // a rebuildable cache: recovery must not need it
        LedgerException e = assertThrows(LedgerException.class, () -> FileLedger.open(dir));
        assertTrue(e.getMessage().contains("blockfile_000000") && e.getMessage().contains("offset " + offsets[3])
                && e.getMessage().contains("intact block record follows"), e.getMessage());
        assertEquals(size, Files.size(file), "no acknowledged block destroyed");
        // ledger verify says where, never "valid"
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", dir);
        assertFalse(v.valid(), v.toJson());
        assertEquals(3L, v.firstBadBlock());
        assertTrue(v.reason().contains("offset " + offsets[3]), v.reason());
    }

    @Test
    void aTornTailIsStillTruncatedAndReportedByVerify() throws Exception {
        Path dir = tmp.resolve("ledger");
        long[] offsets = ledger(dir, 10);
        Path file = dir.resolve("blockfile_000000");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(offsets[9] + 20); // the last append cut short by a crash
        }
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", dir);
        assertFalse(v.valid(), "a truncated file is never valid: " + v.toJson());
        assertEquals(9L, v.firstBadBlock());
        try (FileLedger l = FileLedger.open(dir)) {
            assertEquals(9, l.height());
        }
        assertEquals(offsets[9], Files.size(file));
        assertTrue(LedgerVerifier.verify("mychannel", dir).valid());
    }

    @Test
    void verifyNeverCallsAHostileFileValid() throws Exception {
        Path dir = tmp.resolve("ledger");
        ledger(dir, 5);
        Path file = dir.resolve("blockfile_000000");
        writeInt(file, 0, 0x7fffffff);
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", dir);
        assertFalse(v.valid(), v.toJson());
        assertEquals(0L, v.firstBadBlock());
        // a block file that links out of the folder (to /etc/shadow, /proc/self/environ, …) is refused, not read
        Path outside = Files.writeString(tmp.resolve("shadow"), "root:$6$secret:19000:0:99999:7:::\n");
        Files.delete(file);
        Files.createSymbolicLink(file, outside);
        LedgerException e = assertThrows(LedgerException.class, () -> LedgerVerifier.verify("mychannel", dir));
        assertTrue(e.getMessage().contains("symbolic link") && !e.getMessage().contains("secret"), e.getMessage());
        assertThrows(LedgerException.class, () -> LedgerDumper.dump(dir, new StringBuilder()));
        assertThrows(LedgerException.class, () -> FileLedger.open(dir));
        // a FIFO: refused at once instead of blocking
        Files.delete(file);
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(LedgerException.class, () -> LedgerVerifier.verify("mychannel", dir)));
    }

    @Test
    void aDuplicatedBlockFileFailsDump() throws Exception {
        Path dir = tmp.resolve("ledger");
        ledger(dir, 4);
        Files.copy(dir.resolve("blockfile_000000"), dir.resolve("blockfile_000001"));
        StringBuilder out = new StringBuilder();
        LedgerException e = assertThrows(LedgerException.class, () -> LedgerDumper.dump(dir, out));
        assertTrue(e.getMessage().contains("blockfile_000001") && e.getMessage().contains("where block 4 belongs"), e.getMessage());
        assertFalse(LedgerVerifier.verify("mychannel", dir).valid());
    }

    @Test
    void aSymlinkedIndexIsReplacedAndItsTargetKept() throws Exception {
        Path dir = tmp.resolve("ledger");
        ledger(dir, 3);
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "user data");
        Files.delete(dir.resolve("index"));
        Files.createSymbolicLink(dir.resolve("index"), victim);
        try (FileLedger l = FileLedger.open(dir)) {
            assertEquals(3, l.height());
        }
        assertEquals("user data", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(dir.resolve("index")));
    }

    @Test
    void aHugeDamagedRecordIsCheckedInBoundedMemory() throws Exception {
        Path dir = tmp.resolve("ledger");
        ledger(dir, 2);
        // a 300 MB block file whose second record claims 120 MB of (sparse, zero) data with a wrong checksum
        Path file = dir.resolve("blockfile_000000");
        long at = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.writeInt(120 * 1024 * 1024);
            f.writeInt(12345);
            f.setLength(300L * 1024 * 1024);
            f.seek(f.length() - 1);
            f.write(1); // not all zeros after it: damaged, not torn
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", dir);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertFalse(v.valid(), v.toJson());
        assertTrue(allocated < 32L * 1024 * 1024, "allocated " + allocated + " bytes");
    }
}
