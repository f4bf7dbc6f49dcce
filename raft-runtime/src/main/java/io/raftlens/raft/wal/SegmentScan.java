package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one segment and classifies what follows its last whole record:
 * <ul>
 *   <li>nothing ({@link End#CLEAN});</li>
 *   <li>a torn write ({@link End#TORN}): the file ends inside a record, or what follows is a damaged record
 *       whose damage is zero-filled through the end of the file (a write the file system extended but never
 *       filled, as etcd's {@code isTornEntry} recognises by all-zero sectors);</li>
 *   <li>corruption ({@link End#CORRUPT}): anything else, e.g. a flipped bit, with the offset and reason.</li>
 * </ul>
 */
final class SegmentScan {
    static final int SECTOR = 512;

    enum End { CLEAN, TORN, CORRUPT }

    record Record(RecordType type, long offset, byte[] payload) {
    }

    final Path file;
    final List<Record> records = new ArrayList<>();
    /** Offset just after the last whole, valid record. */
    long validEnd;
    End end = End.CLEAN;
    /** For TORN/CORRUPT: where the bad record starts, and why. */
    long badOffset = -1;
    String reason;

    private SegmentScan(Path file) {
        this.file = file;
    }

    static SegmentScan read(Path file) throws IOException {
        byte[] data;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("segment " + file + " is larger than 2 GB");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            data = buf.array();
        }
        return scan(file, data);
    }

    static SegmentScan scan(Path file, byte[] data) {
        SegmentScan s = new SegmentScan(file);
        int n = data.length;
        int lastNonZero = n - 1;
        while (lastNonZero >= 0 && data[lastNonZero] == 0) {
            lastNonZero--;
        }
        int zeroTailFrom = lastNonZero + 1; // every byte at or after this offset is zero
        ByteBuffer b = ByteBuffer.wrap(data);
        int p = 0;
        while (p < n) {
            if (p >= zeroTailFrom) {
                s.torn(p, "zero-filled tail");
                return s;
            }
            if (n - p < RecordCodec.HEADER_BYTES) {
                s.torn(p, "file ends inside a record header");
                return s;
            }
            int length = b.getInt(p);
            int typeCode = data[p + 4] & 0xff;
            int headerCrc = b.getInt(p + 5);
            int payloadCrc = b.getInt(p + 9);
            if (RecordCodec.headerCrc(length, typeCode) != headerCrc) {
                if (zeroTailFrom < p + RecordCodec.HEADER_BYTES) {
                    s.torn(p, "record header only partly written");
                } else {
                    s.corrupt(p, "record header CRC mismatch");
                }
                return s;
            }
            RecordType type = RecordType.of(typeCode);
            if (type == null || length < 0 || length > RecordCodec.MAX_PAYLOAD) {
                s.corrupt(p, "malformed record (type " + typeCode + ", length " + Integer.toUnsignedString(length) + ")");
                return s;
            }
            long recordEnd = (long) p + RecordCodec.HEADER_BYTES + length;
            if (recordEnd > n) {
                s.torn(p, "file ends inside a record (" + (n - p) + " of " + (recordEnd - p) + " bytes present)");
                return s;
            }
            int payloadStart = p + RecordCodec.HEADER_BYTES;
            if (RecordCodec.payloadCrc(data, payloadStart, length) != payloadCrc) {
                if (zeroTailFrom <= recordEnd && zeroFilledSectorInside(zeroTailFrom, payloadStart, recordEnd)) {
                    s.torn(p, "record only partly written (zero-filled)");
                } else {
                    s.corrupt(p, "CRC mismatch");
                }
                return s;
            }
            byte[] payload = new byte[length];
            System.arraycopy(data, payloadStart, payload, 0, length);
            s.records.add(new Record(type, p, payload));
            p = (int) recordEnd;
            s.validEnd = p;
        }
        return s;
    }

    /** The zero tail starts inside the payload and covers at least the rest of a sector-aligned block. */
    private static boolean zeroFilledSectorInside(long zeroFrom, long payloadStart, long recordEnd) {
        long alignedStart = Math.max(payloadStart, ((zeroFrom + SECTOR - 1) / SECTOR) * SECTOR);
        long firstZero = Math.max(zeroFrom, payloadStart);
        // either a whole aligned sector of the record is zero, or the zero run begins at a sector boundary
        return alignedStart < recordEnd && (recordEnd - alignedStart >= SECTOR || firstZero % SECTOR == 0);
    }

    private void torn(long offset, String why) {
        end = End.TORN;
        badOffset = offset;
        reason = why;
    }

    private void corrupt(long offset, String why) {
        end = End.CORRUPT;
        badOffset = offset;
        reason = why;
    }
}
