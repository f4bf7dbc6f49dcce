package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Fabric's {@code participation_*} gauges (orderer/common/multichannel/metrics.go), label {@code channel}. */
public final class ParticipationMetrics {
    /** Values of {@code participation_status}. */
    public enum Status { INACTIVE, ACTIVE, ONBOARDING, FAILED }

    /** Values of {@code participation_consensus_relation}. */
    public enum Relation { OTHER, CONSENTER, FOLLOWER, CONFIG_TRACKER }

    private final Gauge status;
    private final Gauge relation;

    ParticipationMetrics(PrometheusRegistry registry) {
        status = Families.gauge(registry, "participation_status",
                "The channel participation status of the node: 0 if inactive, 1 if active, 2 if onboarding,"
                        + " 3 if failed.", "channel");
        relation = Families.gauge(registry, "participation_consensus_relation",
                "The channel participation consensus relation of the node: 0 if other, 1 if consenter,"
                        + " 2 if follower, 3 if config-tracker.", "channel");
    }

    public void status(String channel, Status value) {
        status.labelValues(channel).set(value.ordinal());
    }

    public void relation(String channel, Relation value) {
        relation.labelValues(channel).set(value.ordinal());
    }
}
