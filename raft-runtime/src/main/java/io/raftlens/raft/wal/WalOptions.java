package io.raftlens.raft.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning and identity of one log.
 *
 * @param owner         how messages name the log's owner, e.g. "channel mychannel node 3 (orderer3.example.com)"
 * @param segmentBytes  a new segment is cut once the current one reaches this size (etcd: 64,000,000)
 * @param maxBatchBytes group commit writes at most this many bytes before one fsync
 * @param slowSync      an fsync slower than this is logged as a warning, like etcd's "slow fdatasync"
 * @param opener        how files are opened (tests inject failures)
 */
public record WalOptions(String owner, long segmentBytes, int maxBatchBytes, Duration slowSync,
                         FileChannelOpener opener) {
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1000 * 1000;

    public WalOptions {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(slowSync, "slowSync");
        Objects.requireNonNull(opener, "opener");
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes must be at least 4096, was " + segmentBytes);
        }
        if (maxBatchBytes < 4096) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 4096, was " + maxBatchBytes);
        }
    }

    public static WalOptions defaults(String owner) {
        return new WalOptions(owner, DEFAULT_SEGMENT_BYTES, 16 * 1024 * 1024, Duration.ofSeconds(1),
                FileChannelOpener.DEFAULT);
    }

    public WalOptions withSegmentBytes(long bytes) {
        return new WalOptions(owner, bytes, maxBatchBytes, slowSync, opener);
    }

    public WalOptions withOpener(FileChannelOpener o) {
        return new WalOptions(owner, segmentBytes, maxBatchBytes, slowSync, o);
    }
}
