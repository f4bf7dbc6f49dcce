package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("ledger/mychannel");
    }

    private static void appendAll(FileLedger l, List<Block> blocks) {
        for (Block b : blocks) {
            l.append(b);
        }
    }

    @Test
    void appendReopenAndReadByNumber() {
        List<Block> chain = ChainFixture.chain("mychannel", 5, 3);
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(0, l.height());
            appendAll(l, chain);
            assertEquals(6, l.height());
            assertEquals(chain.get(3), l.block(3));
        }
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(6, l.height());
            assertEquals(chain.get(5), l.lastBlock().orElseThrow());
            for (int i = 0; i < chain.size(); i++) {
                assertEquals(chain.get(i), l.block(i));
            }
            assertThrows(NoSuchElementException.class, () -> l.block(6));
            List<Block> fromTwo = new ArrayList<>();
            l.iterator(2).forEachRemaining(fromTwo::add);
            assertEquals(chain.subList(2, 6), fromTwo);
        }
    }

    @Test
    void refusesAWrongNumberOrPreviousHashWithFabricsMessages() {
        List<Block> chain = ChainFixture.chain("mychannel", 3, 1);
        List<Block> other = ChainFixture.chain("other", 3, 1);
        try (FileLedger l = FileLedger.open(dir())) {
            appendAll(l, chain.subList(0, 2));
            assertEquals("block number should have been 2 but was 3",
                    assertThrows(LedgerException.class, () -> l.append(chain.get(3))).getMessage());
            String m = assertThrows(LedgerException.class, () -> l.append(other.get(2))).getMessage();
            assertTrue(m.startsWith("unexpected Previous block hash. Expected PreviousHash = ["), m);
            l.append(chain.get(2));
            assertEquals(3, l.height());
        }
    }

    @Test
    void tornLastBlockIsTruncatedAtEveryOffset() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 3, 2);
        Path master = tmp.resolve("master");
        long before;
        long after;
        Path file = master.resolve("blockfile_000000");
        try (FileLedger l = FileLedger.open(master)) {
            appendAll(l, chain.subList(0, 3));
            before = Files.size(file);
            l.append(chain.get(3));
            after = Files.size(file);
        }
        for (long cut = before; cut < after; cut += 7) {
            Path copy = tmp.resolve("cut" + cut);
            Files.createDirectories(copy);
            Files.copy(file, copy.resolve("blockfile_000000"));
            Files.copy(master.resolve("index"), copy.resolve("index"));
            try (RandomAccessFile f = new RandomAccessFile(copy.resolve("blockfile_000000").toFile(), "rw")) {
                f.setLength(cut);
            }
            try (FileLedger l = FileLedger.open(copy)) {
                assertEquals(3, l.height(), "cut at " + cut);
                assertEquals(before, Files.size(copy.resolve("blockfile_000000")));
                l.append(chain.get(3)); // re-applied from the WAL
            }
            try (FileLedger l = FileLedger.open(copy)) {
                assertEquals(chain.get(3), l.block(3));
            }
        }
    }

    @Test
    void damagedBlockBeforeTheTailIsRefused() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 3, 2);
        Path file = dir().resolve("blockfile_000000");
        long secondOffset;
        try (FileLedger l = FileLedger.open(dir())) {
            l.append(chain.get(0));
            secondOffset = Files.size(file);
            appendAll(l, chain.subList(1, 4));
        }
        byte[] data = Files.readAllBytes(file);
        data[(int) secondOffset + 20] ^= 0x04;
        Files.write(file, data);
        Files.delete(dir().resolve("index")); // force a full scan
        LedgerException e = assertThrows(LedgerException.class, () -> FileLedger.open(dir()));
        assertTrue(e.getMessage().contains("is corrupt at offset " + secondOffset + " (block 1): CRC mismatch"),
                e.getMessage());
    }

    @Test
    void damagedLastBlockIsReportedByVerifyAndReAppliedOnOpen() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 3, 2);
        Path file = dir().resolve("blockfile_000000");
        try (FileLedger l = FileLedger.open(dir())) {
            appendAll(l, chain);
        }
        byte[] data = Files.readAllBytes(file);
        data[data.length - 5] ^= 0x01;
        Files.write(file, data);
        assertEquals(3L, LedgerVerifier.verify("mychannel", dir()).firstBadBlock());
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(3, l.height(), "the damaged last block is dropped, to be re-applied from the WAL");
            l.append(chain.get(3));
        }
        assertTrue(LedgerVerifier.verify("mychannel", dir()).valid());
    }

    @Test
    void lostOrGarbledIndexIsRebuiltFromTheBlockFiles() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 4, 2);
        try (FileLedger l = FileLedger.open(dir())) {
            appendAll(l, chain);
        }
        Files.delete(dir().resolve("index"));
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(5, l.height());
            assertEquals(chain.get(4), l.block(4));
        }
        Files.write(dir().resolve("index"), new byte[40]); // zeros: entries that do not match the files
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(5, l.height());
            assertEquals(chain.get(2), l.block(2));
        }
    }

    @Test
    void rollsOverToNewBlockFiles() {
        List<Block> chain = ChainFixture.chain("mychannel", 30, 5);
        try (FileLedger l = FileLedger.open(dir(), 2048)) {
            appendAll(l, chain);
        }
        assertTrue(Files.exists(dir().resolve("blockfile_000002")));
        try (FileLedger l = FileLedger.open(dir(), 2048)) {
            assertEquals(31, l.height());
            assertEquals(chain.get(17), l.block(17));
            l.append(new BlockFactory(chain.get(30).getHeader()).createNextBlock(List.of(ChainFixture.tx("more"))));
            assertEquals(32, l.height());
        }
        assertTrue(LedgerVerifier.verify("mychannel", dir()).valid());
    }

    @Test
    void aLedgerIsWrittenByOneNodeOnly() {
        try (FileLedger l = FileLedger.open(dir())) {
            LedgerException e = assertThrows(LedgerException.class, () -> FileLedger.open(dir()));
            assertTrue(e.getMessage().contains("is in use by another running node"), e.getMessage());
            assertTrue(LedgerVerifier.verify("mychannel", dir()).valid(), "verify reads a running node's ledger");
        }
        FileLedger.open(dir()).close();
    }

    @Test
    void severalBlocksCanShareOneSync() {
        List<Block> chain = ChainFixture.chain("mychannel", 3, 1);
        try (FileLedger l = FileLedger.open(dir())) {
            for (Block b : chain) {
                l.append(b, false);
            }
            l.sync();
            assertEquals(4, l.height());
        }
        try (FileLedger l = FileLedger.open(dir())) {
            assertEquals(chain.get(3), l.block(3));
        }
    }

    @Test
    void deliverWaitsForTheNextBlock() throws Exception {
        List<Block> chain = ChainFixture.chain("mychannel", 2, 1);
        try (FileLedger l = FileLedger.open(dir())) {
            l.append(chain.get(0));
            assertEquals(1, l.awaitHeight(2, Duration.ofMillis(1)));
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.awaitHeight(2, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            l.append(chain.get(1));
            assertEquals(2, waiter.get(30, TimeUnit.SECONDS));
            Iterator<Block> it = l.iterator(1);
            assertEquals(chain.get(1), it.next());
        }
    }
}
