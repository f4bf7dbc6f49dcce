package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Fabric's {@code broadcast_*} metrics (orderer/common/broadcast/metrics.go). {@code type} is the transaction's
 * header type name (e.g. {@code ENDORSER_TRANSACTION}), {@code status} the Fabric status name (e.g.
 * {@code SUCCESS}, {@code BAD_REQUEST}, {@code SERVICE_UNAVAILABLE}).
 */
public final class BroadcastMetrics {
    private final Histogram validateDuration;
    private final Histogram enqueueDuration;
    private final Counter processed;

    BroadcastMetrics(PrometheusRegistry registry) {
        validateDuration = Families.histogram(registry, "broadcast_validate_duration",
                "The time to validate a transaction in seconds.", "channel", "type", "status");
        enqueueDuration = Families.histogram(registry, "broadcast_enqueue_duration",
                "The time to enqueue a transaction in seconds.", "channel", "type", "status");
        processed = Families.counter(registry, "broadcast_processed_count",
                "The number of transactions processed.", "channel", "type", "status");
    }

    public void validated(String channel, String type, String status, long nanos) {
        validateDuration.labelValues(channel, type, status).observe(nanos / 1e9);
    }

    public void enqueued(String channel, String type, String status, long nanos) {
        enqueueDuration.labelValues(channel, type, status).observe(nanos / 1e9);
    }

    public void processed(String channel, String type, String status) {
        processed.labelValues(channel, type, status).inc();
    }
}
