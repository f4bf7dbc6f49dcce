package io.raftlens.raft.orderer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The ledger's block files, named like Fabric's ({@code blockfile_000000}, …), each a sequence of records
 * {@code u32 length | u32 CRC-32C(block) | block protobuf}. Sequential scanning is shared by the ledger's
 * recovery and by the verifier (which must not modify a running node's files).
 */
final class BlockFiles {
    static final int RECORD_HEADER = 8;
    static final String INDEX = "index";
    private static final Pattern NAME = Pattern.compile("blockfile_(\\d{6})");

    enum End { CLEAN, TORN, CORRUPT }

    /** One whole record found by a scan. */
    record Found(int file, long offset, int length, byte[] block) {
    }

    interface Visitor {
        /** Returns false to stop the scan. */
        boolean visit(Found record);
    }

    /** How a scan ended: where the valid data of the last file scanned ends, and why it stopped. */
    record ScanEnd(int file, long validEnd, End end, String reason) {
    }

    private BlockFiles() {
    }

    static String name(int file) {
        return String.format("blockfile_%06d", file);
    }

    /** Numbers of the block files in {@code dir}, ascending; must be contiguous from 0. */
    static List<Integer> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Integer> files = s.map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n).matches())
                    .map(n -> Integer.parseInt(n.substring("blockfile_".length()))).sorted().toList();
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i) != i) {
                    throw new LedgerException("ledger " + dir + " is missing block file " + name(i)
                            + "; restore the node's data dir or remove it to rejoin");
                }
            }
            return files;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LedgerException("cannot list ledger " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The largest block record RaftLens reads: far above any block an orderer cuts (AbsoluteMaxBytes is 10 MB by
     * default, and gRPC's 100 MB message limit bounds it) and small enough that a damaged length field cannot
     * make a reader allocate gigabytes.
     */
    static final int MAX_RECORD = 128 * 1024 * 1024;
    /** Records up to this size are read in one go; larger ones are checksummed in chunks before being read. */
    private static final int CHUNK = 1024 * 1024;

    /**
     * Scans records from ({@code file}, {@code offset}) through the last file, one record in memory at a time.
     * Only the end of the last file can be TORN, a crash during an append: the file ends inside a record
     * (a header cut short, or a length running past the end with no intact record after it), or the rest of the
     * file is zeros, or (with {@code repairing}) the last whole record's checksum fails with nothing after it.
     * Anything else bad is CORRUPT — in particular a damaged record followed by intact ones, which no crash
     * leaves behind: truncating there would destroy acknowledged blocks.
     *
     * @throws LedgerException when a block file is not a regular file in the folder (a symbolic link, a FIFO, a
     *                         device) or cannot be read
     */
    static ScanEnd scan(Path dir, int file, long offset, int fileCount, boolean repairing, Visitor visitor) {
        for (int f = file; f < fileCount; f++) {
            long start = f == file ? offset : 0;
            Path path = dir.resolve(name(f));
            boolean last = f == fileCount - 1;
            try (FileChannel ch = openRegular(path)) {
                long size = ch.size();
                long at = start;
                while (at < size) {
                    if (zerosFrom(ch, at, size)) {
                        return bad(f, at, last, "the rest of the file is zeros (a block write that did not land)", true);
                    }
                    if (size - at < RECORD_HEADER) {
                        return bad(f, at, last, "file ends inside a block record header", true);
                    }
                    ByteBuffer h = readFully(ch, at, RECORD_HEADER);
                    int len = h.getInt(0);
                    int crc = h.getInt(4);
                    if (len <= 0) {
                        return bad(f, at, last, "malformed block record (length " + len + ")", false);
                    }
                    if (at + RECORD_HEADER + len > size) {
                        // a torn append ends the file inside its one record; a damaged length field has intact records after it
                        long intact = intactRecordAfter(ch, at + 1, size);
                        if (intact == -1) {
                            return bad(f, at, last, "file ends inside a block record (length " + len + ", "
                                    + (size - at - RECORD_HEADER) + " bytes left)", true);
                        }
                        return bad(f, at, last, "the record's length " + len + " runs past the end of the file, "
                                + (intact >= 0 ? "yet an intact block record follows at offset " + intact
                                : "and the rest of the file could not be shown to hold no intact block record"), false);
                    }
                    if (len > MAX_RECORD) {
                        return bad(f, at, last, "block record length " + len + " is larger than any block (at most "
                                + MAX_RECORD + " bytes)", false);
                    }
                    byte[] block;
                    if (len > CHUNK && crc(ch, at + RECORD_HEADER, len) != crc) {
                        block = null; // checksummed before reading: a damaged length must not allocate its claim
                    } else {
                        block = readFully(ch, at + RECORD_HEADER, len).array();
                        CRC32C c = new CRC32C();
                        c.update(block);
                        if ((int) c.getValue() != crc) {
                            block = null;
                        }
                    }
                    if (block == null) {
                        boolean atTail = zerosFrom(ch, at + RECORD_HEADER + len, size);
                        return bad(f, at, last, "CRC mismatch", repairing && atTail);
                    }
                    if (!visitor.visit(new Found(f, at, len, block))) {
                        return new ScanEnd(f, at + RECORD_HEADER + len, End.CLEAN, null);
                    }
                    at += RECORD_HEADER + len;
                }
                if (last) {
                    return new ScanEnd(f, Math.max(start, size), End.CLEAN, null);
                }
            } catch (IOException e) {
                throw new LedgerException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return new ScanEnd(Math.max(0, fileCount - 1), offset, End.CLEAN, null);
    }

    /**
     * Opens a block file for reading, refusing what is not a regular file in the ledger folder: a symbolic link
     * (a ledger never makes one; it could point at any file), a FIFO (opening blocks) or a device.
     */
    static FileChannel openRegular(Path path) throws IOException {
        checkRegular(path);
        return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** See {@link #openRegular}. */
    static void checkRegular(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new LedgerException("block file " + path + " does not exist; restore the node's data dir or remove it to rejoin");
        }
        if (a.isSymbolicLink()) {
            throw new LedgerException("block file " + path + " is a symbolic link; a ledger's block files are regular files "
                    + "in its folder: replace it with the file itself, or remove the node's data dir to rejoin");
        }
        if (!a.isRegularFile()) {
            throw new LedgerException("block file " + path + " is not a regular file (a folder, FIFO or device); "
                    + "restore the node's data dir or remove it to rejoin");
        }
    }

    private static ScanEnd bad(int file, long at, boolean lastFile, String reason, boolean tornShape) {
        return new ScanEnd(file, at, tornShape && lastFile ? End.TORN : End.CORRUPT, reason);
    }

    /** Whether every byte from {@code from} to {@code size} is zero (read in growing chunks: usually the first bytes tell). */
    private static boolean zerosFrom(FileChannel ch, long from, long size) throws IOException {
        int chunk = 64;
        long pos = from;
        ByteBuffer buf = ByteBuffer.allocate(chunk);
        while (pos < size) {
            if (buf.capacity() < chunk) {
                buf = ByteBuffer.allocate(chunk);
            }
            buf.clear();
            buf.limit((int) Math.min(chunk, size - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
            chunk = Math.min(CHUNK, chunk * 4);
        }
        return true;
    }

    /**
     * The offset of the first whole record with a valid checksum in [{@code from}, {@code size}), -1 when there is
     * none, -2 when the search gave up (its checksumming budget ran out; the caller then assumes the worse case).
     * A record cut short by a crash is the last thing in its file: an intact record after it means the length
     * field was damaged instead.
     */
    private static long intactRecordAfter(FileChannel ch, long from, long size) throws IOException {
        long budget = 4 * (size - from) + 64L * 1024 * 1024;
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(CHUNK + RECORD_HEADER, Math.max(RECORD_HEADER, size - from)));
        long base = from;
        while (base + RECORD_HEADER <= size) {
            window.clear();
            int n = 0;
            while (window.hasRemaining()) {
                int r = ch.read(window, base + n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            for (int i = 0; i + RECORD_HEADER <= n; i++) {
                long q = base + i;
                int len = window.getInt(i);
                if (len <= 0 || len > MAX_RECORD || q + RECORD_HEADER + len > size) {
                    continue;
                }
                budget -= len;
                if (budget < 0) {
                    return -2;
                }
                if (crc(ch, q + RECORD_HEADER, len) == window.getInt(i + 4)) {
                    return q;
                }
            }
            if (n < window.capacity()) {
                break;
            }
            base += n - RECORD_HEADER + 1;
        }
        return -1;
    }

    private static int crc(FileChannel ch, long from, int len) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(Math.min(CHUNK, len));
        long pos = from;
        long end = from + len;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            buf.flip();
            c.update(buf);
            pos += n;
        }
        return (int) c.getValue();
    }

    private static ByteBuffer readFully(FileChannel ch, long from, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        long pos = from;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new java.io.EOFException("file ends at " + pos);
            }
            pos += n;
        }
        buf.flip();
        return buf;
    }

    static ByteBuffer encode(byte[] block) {
        CRC32C c = new CRC32C();
        c.update(block);
        ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER + block.length);
        buf.putInt(block.length).putInt((int) c.getValue()).put(block).flip();
        return buf;
    }
}
