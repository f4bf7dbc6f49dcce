package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.raftlens.raft.transport.DropReason;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportObserver;
import io.raftlens.raft.transport.TransportStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Fabric's {@code cluster_comm_*} metrics (orderer/common/cluster/metrics.go) fed by the transport: pass this as the
 * transport's {@link TransportObserver} and {@link #attach} the started transport for the gauges, which are read at
 * scrape time. Raft messages are Fabric's {@code msg_type="consensus"}, forwarded transactions {@code "transaction"}. {@code host} is the peer's
 * {@code host:port}. {@code msg_send_time} is the time a message waited in its egress queue until written to the
 * connection (Fabric times the gRPC Send, which is where its queue wait shows up). Refused peers have no Fabric
 * metric; they are counted in {@code raftlens_cluster_comm_refused_count}.
 */
public final class ClusterCommMetrics implements TransportObserver {
    static final String CONSENSUS = "consensus";

    private final Histogram msgSendTime;
    private final Counter msgDropped;
    private final Counter refused;
    private volatile Supplier<TransportStats> stats;

    ClusterCommMetrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("cluster_comm_egress_queue_length").help("Length of the egress queue.")
                .labelNames("host", "msg_type", "channel")
                .callback(cb -> eachQueue(q -> cb.call(q.length(), q.host(), q.msgType(), q.channel())))
                .register(registry);
        GaugeWithCallback.builder().name("cluster_comm_egress_queue_capacity").help("Capacity of the egress queue.")
                .labelNames("host", "msg_type", "channel")
                .callback(cb -> eachQueue(q -> cb.call(q.capacity(), q.host(), q.msgType(), q.channel())))
                .register(registry);
        GaugeWithCallback.builder().name("cluster_comm_egress_queue_workers").help("Count of egress queue workers.")
                .labelNames("channel")
                .callback(cb -> perChannel(false).forEach((channel, n) -> cb.call(n, channel)))
                .register(registry);
        GaugeWithCallback.builder().name("cluster_comm_egress_stream_count").help("Count of streams to other nodes.")
                .labelNames("channel")
                .callback(cb -> perChannel(true).forEach((channel, n) -> cb.call(n, channel)))
                .register(registry);
        GaugeWithCallback.builder().name("cluster_comm_ingress_stream_count")
                .help("Count of streams from other nodes.")
                .callback(cb -> {
                    TransportStats s = current();
                    if (s != null) {
                        cb.call(s.ingressStreams());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("cluster_comm_egress_tls_connection_count")
                .help("Count of TLS connections to other nodes.")
                .callback(cb -> {
                    TransportStats s = current();
                    if (s != null) {
                        cb.call(s.egressTlsConnections());
                    }
                })
                .register(registry);
        msgSendTime = Families.histogram(registry, "cluster_comm_msg_send_time",
                "The time it takes to send a message in seconds.", "host", "channel");
        msgDropped = Families.counter(registry, "cluster_comm_msg_dropped_count", "Count of messages dropped.",
                "host", "channel");
        refused = Families.counter(registry, "raftlens_cluster_comm_refused_count",
                "Count of inbound connections and messages refused: certificate not a consenter of the channel,"
                        + " TLS handshake failure, protocol violation.");
    }

    /** Reads queue and stream gauges from {@code transport} from now on. */
    public void attach(Transport transport) {
        this.stats = transport::stats;
    }

    @Override
    public void messageSent(String host, String channel, long queuedNanos) {
        msgSendTime.labelValues(host, channel).observe(queuedNanos / 1e9);
    }

    @Override
    public void messageDropped(String host, String channel, DropReason reason) {
        if (reason != DropReason.UNKNOWN_PEER) { // Fabric rejects sends to non-members with an error, uncounted
            msgDropped.labelValues(host, channel).inc();
        }
    }

    @Override
    public void peerRefused(String remoteAddress, String certificateSubject, String channel, String reason) {
        refused.inc();
    }

    private TransportStats current() {
        Supplier<TransportStats> s = stats;
        return s == null ? null : s.get();
    }

    private void eachQueue(java.util.function.Consumer<TransportStats.QueueStat> action) {
        TransportStats s = current();
        if (s != null) {
            s.queues().forEach(action);
        }
    }

    private Map<String, Integer> perChannel(boolean connectedOnly) {
        Map<String, Integer> counts = new TreeMap<>();
        eachQueue(q -> {
            if (!connectedOnly || q.connected()) {
                counts.merge(q.channel(), 1, Integer::sum);
            }
        });
        return counts;
    }
}
