package io.raftlens.raft.node.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which consenter starts the first campaign on a new channel, as Fabric's etcdraft {@code node.start} picks it:
 * the protobuf varint read from bytes 24..31 of sha256(channelID), modulo the cluster size, plus one. Every node
 * computes the same answer, so exactly one of them campaigns at once instead of all waiting an election timeout.
 */
public final class FirstCampaign {

    private FirstCampaign() {
    }

    /** The Raft id (1-based, consenter order) that campaigns first on {@code channel}. */
    public static long campaigner(String channel, int clusterSize) {
        byte[] sha = sha256(channel.getBytes(StandardCharsets.UTF_8));
        long number = varint(sha, 24);
        return Long.remainderUnsigned(number, clusterSize) + 1;
    }

    /** Go's proto.DecodeVarint: little-endian base-128; a truncated varint decodes as 0. */
    static long varint(byte[] b, int from) {
        long x = 0;
        int shift = 0;
        for (int i = from; i < b.length && shift < 64; i++, shift += 7) {
            int v = b[i] & 0xff;
            x |= (long) (v & 0x7f) << shift;
            if (v < 0x80) {
                return x;
            }
        }
        return 0;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
