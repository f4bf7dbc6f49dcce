package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Block-level metrics the orderer exposes around cutting and storing blocks: {@code blockcutter_block_fill_duration}
 * (orderer/common/blockcutter/metrics.go), {@code ledger_blockchain_height} and
 * {@code ledger_blockstorage_commit_time} (common/ledger/blkstorage), all labelled {@code channel}.
 */
public final class LedgerMetrics {
    private final Histogram blockFillDuration;
    private final Gauge blockchainHeight;
    private final Histogram commitTime;

    LedgerMetrics(PrometheusRegistry registry) {
        blockFillDuration = Families.histogram(registry, "blockcutter_block_fill_duration",
                "The time from first transaction enqueuing to the block being cut in seconds.", "channel");
        blockchainHeight = Families.gauge(registry, "ledger_blockchain_height", "Height of the chain in blocks.",
                "channel");
        commitTime = Families.histogram(registry, "ledger_blockstorage_commit_time",
                "Time taken in seconds for committing the block to storage.", "channel");
    }

    public void blockCut(String channel, long fillNanos) {
        blockFillDuration.labelValues(channel).observe(fillNanos / 1e9);
    }

    public void height(String channel, long height) {
        blockchainHeight.labelValues(channel).set(height);
    }

    public void blockCommitted(String channel, long nanos) {
        commitTime.labelValues(channel).observe(nanos / 1e9);
    }
}
