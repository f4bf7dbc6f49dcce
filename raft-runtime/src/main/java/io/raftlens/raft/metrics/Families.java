package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Metric family builders with Fabric's conventions: classic histograms with the default buckets, no exemplars. */
final class Families {
    private Families() {}

    static Gauge gauge(PrometheusRegistry registry, String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    /** Prometheus' default buckets (0.005 … 10 s), the ones Fabric's histograms use. */
    static Histogram histogram(PrometheusRegistry registry, String name, String help, String... labels) {
        return Histogram.builder().name(name).help(help).labelNames(labels).classicOnly().withoutExemplars()
                .register(registry);
    }
}
