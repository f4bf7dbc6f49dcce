package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;

/**
 * BatchSize with configtxgen's defaults for absent or zero values (500 messages, 10 MB, 2 MB).
 *
 * @param bound     the BatchSize struct or null when absent
 * @param range     the BatchSize block, or the Orderer section
 * @param inherited how the block was merged in, or null
 */
public record BatchSize(BoundStruct bound, Range range, Inheritance inherited) {

    public static final long DEFAULT_MAX_MESSAGE_COUNT = 500;
    public static final long DEFAULT_ABSOLUTE_MAX_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_PREFERRED_MAX_BYTES = 2L * 1024 * 1024;

    public Sourced<Long> maxMessageCount() {
        return number("MaxMessageCount", DEFAULT_MAX_MESSAGE_COUNT);
    }

    public Sourced<Long> absoluteMaxBytes() {
        return number("AbsoluteMaxBytes", DEFAULT_ABSOLUTE_MAX_BYTES);
    }

    public Sourced<Long> preferredMaxBytes() {
        return number("PreferredMaxBytes", DEFAULT_PREFERRED_MAX_BYTES);
    }

    private Sourced<Long> number(String field, long fallback) {
        return bound == null ? Sourced.ofDefault(fallback, range)
                : Views.orDefault(bound, field, Long.class, fallback).within(inherited);
    }
}
