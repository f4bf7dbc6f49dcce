package io.raftlens.raft.orderer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
     * Scans records from ({@code file}, {@code offset}) through the last file. A bad record at the end of the
     * last file that is incomplete (or only zeros) is TORN; with {@code repairing}, so is a whole last record
     * whose checksum fails (a crash after the file grew but before its data landed: the ledger re-applies that
     * block from the WAL). Anything else bad is CORRUPT.
     */
    static ScanEnd scan(Path dir, int file, long offset, int fileCount, boolean repairing, Visitor visitor) {
        for (int f = file; f < fileCount; f++) {
            long start = f == file ? offset : 0;
            byte[] data;
            Path path = dir.resolve(name(f));
            try {
                data = readFrom(path, start);
            } catch (IOException e) {
                throw new LedgerException("cannot read " + path + ": " + e.getMessage(), e);
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int p = 0;
            boolean last = f == fileCount - 1;
            while (p < data.length) {
                long at = start + p;
                if (data.length - p < RECORD_HEADER || allZero(data, p)) {
                    return bad(f, at, last, "file ends inside a block record", true);
                }
                int len = b.getInt(p);
                int crc = b.getInt(p + 4);
                if (len <= 0) {
                    return bad(f, at, last, "malformed block record (length " + len + ")", false);
                }
                if ((long) p + RECORD_HEADER + len > data.length) {
                    return bad(f, at, last, "file ends inside a block record", true);
                }
                CRC32C c = new CRC32C();
                c.update(data, p + RECORD_HEADER, len);
                if ((int) c.getValue() != crc) {
                    boolean atTail = allZero(data, p + RECORD_HEADER + len);
                    return bad(f, at, last, "CRC mismatch", repairing && atTail);
                }
                byte[] block = new byte[len];
                System.arraycopy(data, p + RECORD_HEADER, block, 0, len);
                if (!visitor.visit(new Found(f, at, len, block))) {
                    return new ScanEnd(f, at + RECORD_HEADER + len, End.CLEAN, null);
                }
                p += RECORD_HEADER + len;
            }
            if (last) {
                return new ScanEnd(f, start + data.length, End.CLEAN, null);
            }
        }
        return new ScanEnd(Math.max(0, fileCount - 1), offset, End.CLEAN, null);
    }

    private static ScanEnd bad(int file, long at, boolean lastFile, String reason, boolean tornShape) {
        return new ScanEnd(file, at, tornShape && lastFile ? End.TORN : End.CORRUPT, reason);
    }

    private static boolean allZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readFrom(Path path, long start) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (start >= size) {
                return new byte[0];
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, size - start));
            long pos = start;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            return buf.array();
        }
    }

    static ByteBuffer encode(byte[] block) {
        CRC32C c = new CRC32C();
        c.update(block);
        ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER + block.length);
        buf.putInt(block.length).putInt((int) c.getValue()).put(block).flip();
        return buf;
    }
}
