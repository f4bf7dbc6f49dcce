package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Fabric's {@code deliver_*} metrics (common/deliver/metrics.go). {@code filtered} is {@code "true"} or
 * {@code "false"}; {@code data_type} is {@code "block"} for full blocks.
 */
public final class DeliverMetrics {
    private final Counter streamsOpened;
    private final Counter streamsClosed;
    private final Counter requestsReceived;
    private final Counter requestsCompleted;
    private final Counter blocksSent;

    DeliverMetrics(PrometheusRegistry registry) {
        streamsOpened = Families.counter(registry, "deliver_streams_opened",
                "The number of GRPC streams that have been opened for the deliver service.");
        streamsClosed = Families.counter(registry, "deliver_streams_closed",
                "The number of GRPC streams that have been closed for the deliver service.");
        requestsReceived = Families.counter(registry, "deliver_requests_received",
                "The number of deliver requests that have been received.", "channel", "filtered", "data_type");
        requestsCompleted = Families.counter(registry, "deliver_requests_completed",
                "The number of deliver requests that have been completed.", "channel", "filtered", "data_type",
                "success");
        blocksSent = Families.counter(registry, "deliver_blocks_sent",
                "The number of blocks sent by the deliver service.", "channel", "filtered", "data_type");
    }

    public void streamOpened() { streamsOpened.inc(); }
    public void streamClosed() { streamsClosed.inc(); }

    public void requestReceived(String channel, boolean filtered, String dataType) {
        requestsReceived.labelValues(channel, Boolean.toString(filtered), dataType).inc();
    }

    public void requestCompleted(String channel, boolean filtered, String dataType, boolean success) {
        requestsCompleted.labelValues(channel, Boolean.toString(filtered), dataType, Boolean.toString(success)).inc();
    }

    public void blockSent(String channel, boolean filtered, String dataType) {
        blocksSent.labelValues(channel, Boolean.toString(filtered), dataType).inc();
    }
}
