package io.raftlens.raft.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.wal.DirLock;
import io.raftlens.raft.wal.Fsync;
import io.raftlens.raft.wal.WalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block ledger of one channel on one node: append-only block files (rolled over at 64 MB, like Fabric's
 * block store), fsynced on every append, with an index of block positions.
 *
 * <p>The index ({@code index}: per block u32 file, u64 offset, u32 length) is a cache and is not synced:
 * on open it is checked against the block files and the blocks after its last valid entry are re-indexed by
 * scanning. A torn last block (a crash during append) is truncated — the block is re-applied from the Raft log,
 * whose entry was durable before the block was written. A damaged block before the tail is refused.
 *
 * <p>Thread-safe: one appender (the apply step), any number of readers (deliver streams).
 */
public final class FileLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileLedger.class);
    /** Fabric's default block file size. */
    public static final long DEFAULT_FILE_BYTES = 64L * 1024 * 1024;
    private static final int INDEX_ENTRY = 16;

    private final Path dir;
    private final long maxFileBytes;
    private final List<long[]> positions = new ArrayList<>(); // {file, offset, length}
    private final List<FileChannel> files = new ArrayList<>();
    private FileChannel index;
    private DirLock lock;
    private long tailSize;
    private long syncedTail;
    private Block last;
    private boolean closed;

    private FileLedger(Path dir, long maxFileBytes) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
    }

    public static FileLedger open(Path dir) {
        return open(dir, DEFAULT_FILE_BYTES);
    }

    /** Opens (creating when absent) the ledger in {@code dir}, repairing a torn last block. */
    public static FileLedger open(Path dir, long maxFileBytes) {
        FileLedger l = new FileLedger(dir, maxFileBytes);
        try {
            Files.createDirectories(dir);
            l.recover();
        } catch (IOException e) {
            l.closeQuietly();
            throw new LedgerException("cannot open ledger " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            l.closeQuietly();
            throw e;
        }
        return l;
    }

    private void recover() throws IOException {
        try {
            lock = DirLock.acquire(dir, "ledger");
        } catch (WalException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        List<Integer> existing = BlockFiles.list(dir);
        if (existing.isEmpty()) {
            files.add(FileChannel.open(dir.resolve(BlockFiles.name(0)), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE));
            Fsync.directory(dir);
            Fsync.directory(dir.toAbsolutePath().getParent()); // the new channel folder itself
        } else {
            for (int f : existing) {
                Path path = dir.resolve(BlockFiles.name(f));
                BlockFiles.checkRegular(path);
                files.add(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
            }
        }
        Path indexFile = dir.resolve(BlockFiles.INDEX);
        if (Files.isSymbolicLink(indexFile)) {
            // the index is a cache RaftLens writes: a link there would have it overwrite the link's target
            LOG.warn("ledger {}: the index is a symbolic link; removing the link (not its target) and rebuilding the index", dir);
            Files.delete(indexFile);
        } else if (Files.exists(indexFile, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(indexFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new LedgerException("ledger index " + indexFile + " is not a regular file (a folder, FIFO or device); "
                    + "remove it (it is rebuilt from the block files)");
        }
        index = FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        loadIndex();
        int fromFile = 0;
        long fromOffset = 0;
        if (!positions.isEmpty()) {
            long[] p = positions.get(positions.size() - 1);
            fromFile = (int) p[0];
            fromOffset = p[1] + BlockFiles.RECORD_HEADER + p[2];
        }
        BlockFiles.ScanEnd end = BlockFiles.scan(dir, fromFile, fromOffset, files.size(), true, found -> {
            Block b = parse(found.block(), found.file(), found.offset());
            long expected = positions.size();
            if (b.getHeader().getNumber() != expected) {
                throw new LedgerException("ledger " + dir.resolve(BlockFiles.name(found.file())) + " is corrupt at offset "
                        + found.offset() + ": holds block " + b.getHeader().getNumber() + " where block " + expected
                        + " belongs; restore the node's data dir or remove it to rejoin");
            }
            positions.add(new long[] {found.file(), found.offset(), found.length()});
            last = b;
            return true;
        });
        Path endFile = dir.resolve(BlockFiles.name(end.file()));
        if (end.end() == BlockFiles.End.CORRUPT) {
            throw new LedgerException("ledger " + endFile + " is corrupt at offset " + end.validEnd() + " (block "
                    + positions.size() + "): " + end.reason() + "; restore the node's data dir or remove it to rejoin");
        }
        FileChannel tail = files.get(files.size() - 1);
        if (end.end() == BlockFiles.End.TORN) {
            LOG.warn("ledger {}: truncating a partly written block at offset {} ({}); it is re-applied from the WAL",
                    endFile, end.validEnd(), end.reason());
            tail.truncate(end.validEnd());
            tail.force(true);
        }
        tailSize = tail.size();
        syncedTail = tailSize;
        if (last == null && !positions.isEmpty()) {
            last = read(positions.size() - 1);
        }
        rewriteIndex();
    }

    /** Loads the index, keeping its longest prefix that is consistent with the block files. */
    private void loadIndex() throws IOException {
        long entries = index.size() / INDEX_ENTRY;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(entries * INDEX_ENTRY, Integer.MAX_VALUE - 16));
        while (buf.hasRemaining() && index.read(buf, buf.position()) >= 0) {
            // read the whole index
        }
        buf.flip();
        long prevFile = 0;
        long prevEnd = 0;
        while (buf.remaining() >= INDEX_ENTRY) {
            long file = Integer.toUnsignedLong(buf.getInt());
            long offset = buf.getLong();
            long length = Integer.toUnsignedLong(buf.getInt());
            boolean ordered = (file == prevFile && offset == prevEnd) || (file == prevFile + 1 && offset == 0);
            if (!ordered || file >= files.size() || length == 0
                    || offset + BlockFiles.RECORD_HEADER + length > files.get((int) file).size()) {
                break;
            }
            positions.add(new long[] {file, offset, length});
            prevFile = file;
            prevEnd = offset + BlockFiles.RECORD_HEADER + length;
        }
        // the last indexed block must read back as the block with that number, or the index is rebuilt
        if (!positions.isEmpty()) {
            try {
                Block b = read(positions.size() - 1);
                if (b.getHeader().getNumber() != positions.size() - 1) {
                    positions.clear();
                }
            } catch (LedgerException e) {
                positions.clear();
            }
        }
    }

    private void rewriteIndex() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(positions.size() * INDEX_ENTRY);
        for (long[] p : positions) {
            buf.putInt((int) p[0]).putLong(p[1]).putInt((int) p[2]);
        }
        buf.flip();
        index.truncate(0);
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += index.write(buf, pos);
        }
    }

    /** Number of blocks (the next block's number). */
    public synchronized long height() {
        return positions.size();
    }

    /** The last block, if any. */
    public synchronized Optional<Block> lastBlock() {
        return Optional.ofNullable(last);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends the next block and fsyncs it. Checks, like Fabric's block store, that its number is the height
     * and that its previous hash is the hash of the last block's header.
     */
    public void append(Block block) {
        append(block, true);
    }

    /**
     * Appends without an fsync when {@code sync} is false, so a driver applying several committed blocks of one
     * Ready syncs once with {@link #sync()}. Unsynced blocks are safe as long as the WAL still holds their
     * entries (a crash truncates them and they are re-applied): call {@link #sync()} before a snapshot
     * releases WAL segments.
     */
    public synchronized void append(Block block, boolean sync) {
        ensureOpen();
        long height = positions.size();
        if (block.getHeader().getNumber() != height) {
            throw new LedgerException("block number should have been " + height + " but was "
                    + block.getHeader().getNumber());
        }
        if (last != null) {
            byte[] expected = Blocks.headerHash(last.getHeader());
            if (!java.util.Arrays.equals(expected, block.getHeader().getPreviousHash().toByteArray())) {
                HexFormat hex = HexFormat.of();
                throw new LedgerException("unexpected Previous block hash. Expected PreviousHash = ["
                        + hex.formatHex(expected) + "], PreviousHash referred in the latest block= ["
                        + hex.formatHex(block.getHeader().getPreviousHash().toByteArray()) + "]");
            }
        }
        byte[] bytes = block.toByteArray();
        ByteBuffer rec = BlockFiles.encode(bytes);
        try {
            if (tailSize > 0 && tailSize + rec.remaining() > maxFileBytes) {
                files.get(files.size() - 1).force(false);
                files.add(FileChannel.open(dir.resolve(BlockFiles.name(files.size())), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE));
                Fsync.directory(dir);
                tailSize = 0;
                syncedTail = 0;
            }
            FileChannel tail = files.get(files.size() - 1);
            long offset = tailSize;
            long pos = offset;
            while (rec.hasRemaining()) {
                pos += tail.write(rec, pos);
            }
            tailSize = pos;
            if (sync) {
                tail.force(false);
                syncedTail = tailSize;
            }
            long[] p = {files.size() - 1, offset, bytes.length};
            positions.add(p);
            ByteBuffer ix = ByteBuffer.allocate(INDEX_ENTRY).putInt((int) p[0]).putLong(p[1]).putInt((int) p[2]).flip();
            long ipos = (long) (positions.size() - 1) * INDEX_ENTRY;
            while (ix.hasRemaining()) {
                ipos += index.write(ix, ipos);
            }
        } catch (IOException e) {
            closed = true; // a failed append leaves the file state unknown: refuse further appends
            throw new LedgerException("cannot append block " + height + " to ledger " + dir + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("No space left")
                        ? "; free disk space and restart the node" : "; check the disk and restart the node"), e);
        }
        last = block;
        notifyAll();
    }

    /**
     * Makes every block appended before the call durable. The fsync runs outside the ledger's lock, so appends and
     * reads go on while a slow disk syncs.
     */
    public void sync() {
        FileChannel tail;
        long size;
        synchronized (this) {
            ensureOpen();
            tail = files.get(files.size() - 1);
            size = tailSize;
        }
        try {
            tail.force(false);
        } catch (IOException e) {
            synchronized (this) {
                if (closed) {
                    return; // closed (stopped or crashed) while syncing
                }
                closed = true;
            }
            throw new LedgerException("cannot sync ledger " + dir + ": " + e.getMessage()
                    + "; check the disk and restart the node", e);
        }
        synchronized (this) {
            if (!files.isEmpty() && files.get(files.size() - 1) == tail) {
                syncedTail = Math.max(syncedTail, size);
            }
        }
    }

    /** Reads block {@code number}. */
    public Block block(long number) {
        long[] p;
        FileChannel ch;
        synchronized (this) {
            ensureOpen();
            if (number < 0 || number >= positions.size()) {
                throw new NoSuchElementException("block " + number + " is not in the ledger (height "
                        + positions.size() + ")");
            }
            p = positions.get((int) number);
            ch = files.get((int) p[0]);
        }
        return readAt(ch, p);
    }

    private Block read(long number) {
        long[] p = positions.get((int) number);
        return readAt(files.get((int) p[0]), p);
    }

    private Block readAt(FileChannel ch, long[] p) {
        ByteBuffer buf = ByteBuffer.allocate((int) (BlockFiles.RECORD_HEADER + p[2]));
        try {
            long pos = p[1];
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new LedgerException("ledger " + dir.resolve(BlockFiles.name((int) p[0]))
                            + " ends before the block at offset " + p[1]);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new LedgerException("cannot read ledger " + dir + ": " + e.getMessage(), e);
        }
        buf.flip();
        int len = buf.getInt();
        int crc = buf.getInt();
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(buf.array(), BlockFiles.RECORD_HEADER, (int) p[2]);
        if (len != p[2] || (int) c.getValue() != crc) {
            throw new LedgerException("ledger " + dir.resolve(BlockFiles.name((int) p[0])) + " is corrupt at offset "
                    + p[1] + ": CRC mismatch; restore the node's data dir or remove it to rejoin");
        }
        byte[] block = new byte[len];
        buf.get(block);
        return parse(block, (int) p[0], p[1]);
    }

    private Block parse(byte[] bytes, int file, long offset) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("ledger " + dir.resolve(BlockFiles.name(file)) + " is corrupt at offset " + offset
                    + ": not a block (" + e.getMessage() + ")");
        }
    }

    /** Blocks from {@code from} up to the height at the time of the call (for deliver). */
    public Iterator<Block> iterator(long from) {
        long end = height();
        return new Iterator<>() {
            long next = Math.max(0, from);

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Block next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return block(next++);
            }
        };
    }

    /**
     * Waits until the ledger holds at least {@code minHeight} blocks or the timeout passes (deliver's "wait
     * for the next block"). Returns the height.
     */
    public synchronized long awaitHeight(long minHeight, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.size() < minHeight && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return positions.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException("ledger " + dir + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        closeQuietly();
    }

    /**
     * Simulates a crash: drops the blocks appended since the last sync (the node re-applies them from its WAL
     * on restart) and closes.
     */
    public synchronized void kill() {
        if (!closed && syncedTail < tailSize) {
            try {
                files.get(files.size() - 1).truncate(syncedTail);
            } catch (IOException e) {
                LOG.warn("ledger {}: cannot drop unsynced blocks on kill: {}", dir, e.getMessage());
            }
        }
        close();
    }

    private void closeQuietly() {
        for (FileChannel f : files) {
            try {
                f.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (index != null) {
            try {
                index.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (lock != null) {
            lock.close();
        }
    }
}
