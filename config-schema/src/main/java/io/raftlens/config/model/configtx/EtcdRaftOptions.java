package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.value.GoDuration;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * etcdraft Options with configtxgen's defaulting: a missing Options block, and each zero field, take
 * Fabric's defaults (TickInterval 500ms, ElectionTick 10, HeartbeatTick 1, MaxInflightBlocks 5,
 * SnapshotIntervalSize 16 MB).
 *
 * @param bound the Options struct, or null when there is no Options block
 * @param range     the Options block, or the EtcdRaft section when there is none
 * @param inherited how the block was merged in, or null
 */
public record EtcdRaftOptions(BoundStruct bound, Range range, Inheritance inherited) {

    public static final String DEFAULT_TICK_INTERVAL = "500ms";
    public static final long DEFAULT_ELECTION_TICK = 10;
    public static final long DEFAULT_HEARTBEAT_TICK = 1;
    public static final long DEFAULT_MAX_INFLIGHT_BLOCKS = 5;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_SIZE = 16L * 1024 * 1024;

    public boolean present() {
        return bound != null;
    }

    /** TickInterval text as written (or the default). Parse with {@link #tickInterval()}. */
    public Sourced<String> tickIntervalText() {
        return bound == null ? Sourced.ofDefault(DEFAULT_TICK_INTERVAL, range)
                : Views.orDefault(bound, "TickInterval", String.class, DEFAULT_TICK_INTERVAL).within(inherited);
    }

    /** TickInterval as a duration; empty when it does not parse. */
    public Optional<Sourced<Duration>> tickInterval() {
        Sourced<String> text = tickIntervalText();
        GoDuration.Parsed p = GoDuration.parse(text.value());
        return p.ok() ? Optional.of(text.map(t -> p.value())) : Optional.empty();
    }

    public Sourced<Long> electionTick() {
        return number("ElectionTick", DEFAULT_ELECTION_TICK);
    }

    public Sourced<Long> heartbeatTick() {
        return number("HeartbeatTick", DEFAULT_HEARTBEAT_TICK);
    }

    public Sourced<Long> maxInflightBlocks() {
        return number("MaxInflightBlocks", DEFAULT_MAX_INFLIGHT_BLOCKS);
    }

    public Sourced<Long> snapshotIntervalSize() {
        return number("SnapshotIntervalSize", DEFAULT_SNAPSHOT_INTERVAL_SIZE);
    }

    /** The values as written, by field name, for the fields that are present (zero included). */
    public Map<String, Sourced<Long>> writtenNumbers() {
        if (bound == null) {
            return Map.of();
        }
        java.util.LinkedHashMap<String, Sourced<Long>> out = new java.util.LinkedHashMap<>();
        for (String f : new String[] {"ElectionTick", "HeartbeatTick", "MaxInflightBlocks", "SnapshotIntervalSize"}) {
            Views.scalar(bound, f, Long.class).ifPresent(v -> out.put(f, v.within(inherited)));
        }
        return out;
    }

    private Sourced<Long> number(String field, long fallback) {
        return bound == null ? Sourced.ofDefault(fallback, range) : Views.orDefault(bound, field, Long.class, fallback).within(inherited);
    }
}
