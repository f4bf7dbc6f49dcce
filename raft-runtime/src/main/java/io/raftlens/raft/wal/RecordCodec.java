package io.raftlens.raft.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * On-disk record framing:
 * <pre>
 *   u32 payloadLength | u8 type | u32 headerCrc = CRC32C(length, type) | u32 payloadCrc = CRC32C(payload) | payload
 * </pre>
 * Both checksums are per record (not chained as in etcd): the header checksum makes the length trustworthy, so a
 * record that runs past the end of the file is recognisably torn rather than a damaged length pointing anywhere,
 * and each record can be judged on its own when deciding between "torn tail" and "corrupt middle". Dropped or
 * reordered records, which etcd's chained CRC also catches, are caught structurally instead: segment sequence
 * numbers must be contiguous and entry indexes may only continue or overwrite the log.
 */
final class RecordCodec {
    static final int HEADER_BYTES = 13;
    /** A single record never exceeds this (etcd caps records at 10 MB of entries per append; we allow more). */
    static final int MAX_PAYLOAD = 512 * 1024 * 1024;

    private RecordCodec() {
    }

    static int headerCrc(int length, int type) {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(5).putInt(length).put((byte) type);
        crc.update(b.array(), 0, 5);
        return (int) crc.getValue();
    }

    static int payloadCrc(byte[] payload, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(payload, off, len);
        return (int) crc.getValue();
    }

    static int encodedSize(int payloadLength) {
        return HEADER_BYTES + payloadLength;
    }

    /** Appends one framed record to {@code out} (which must have room). */
    static void encode(ByteBuffer out, RecordType type, byte[] payload) {
        out.putInt(payload.length);
        out.put((byte) type.code);
        out.putInt(headerCrc(payload.length, type.code));
        out.putInt(payloadCrc(payload, 0, payload.length));
        out.put(payload);
    }
}
