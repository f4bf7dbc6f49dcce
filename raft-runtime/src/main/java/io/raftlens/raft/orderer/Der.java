package io.raftlens.raft.orderer;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** The few DER encodings Go's {@code encoding/asn1.Marshal} produces for Fabric's block header struct. */
final class Der {
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int SEQUENCE = 0x30;

    private Der() {
    }

    /** INTEGER with minimal two's-complement content, as Go encodes a {@code *big.Int}. */
    static byte[] unsignedInteger(long value) {
        byte[] content = new BigInteger(Long.toUnsignedString(value)).toByteArray(); // minimal, sign byte if needed
        return tlv(INTEGER, content);
    }

    static byte[] octetString(byte[] content) {
        return tlv(OCTET_STRING, content);
    }

    static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            body.writeBytes(e);
        }
        return tlv(SEQUENCE, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((len >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
