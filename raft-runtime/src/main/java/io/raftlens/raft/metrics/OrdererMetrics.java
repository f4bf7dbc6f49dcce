package io.raftlens.raft.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** All Fabric-named metrics of one ordering node, in the node's own registry (nodes of a launch share a JVM). */
public final class OrdererMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final EtcdRaftMetrics etcdraft = new EtcdRaftMetrics(registry);
    private final ClusterCommMetrics cluster = new ClusterCommMetrics(registry);
    private final BroadcastMetrics broadcast = new BroadcastMetrics(registry);
    private final DeliverMetrics deliver = new DeliverMetrics(registry);
    private final LedgerMetrics ledger = new LedgerMetrics(registry);
    private final ParticipationMetrics participation = new ParticipationMetrics(registry);

    public PrometheusRegistry registry() { return registry; }
    public EtcdRaftMetrics etcdraft() { return etcdraft; }
    public ClusterCommMetrics cluster() { return cluster; }
    public BroadcastMetrics broadcast() { return broadcast; }
    public DeliverMetrics deliver() { return deliver; }
    public LedgerMetrics ledger() { return ledger; }
    public ParticipationMetrics participation() { return participation; }

    /** The current values in Prometheus text format, as {@code /metrics} serves them. */
    public String scrape() {
        StringWriter out = new StringWriter();
        try {
            FabricTextFormat.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
