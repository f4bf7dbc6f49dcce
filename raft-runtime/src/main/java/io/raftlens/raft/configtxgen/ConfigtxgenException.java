package io.raftlens.raft.configtxgen;

import io.raftlens.config.yaml.Range;
import java.util.Optional;

/**
 * configtxgen refusing a profile: the message is configtxgen's own (wrapped the way its encoder wraps it), and
 * {@link #range()} is where in configtx.yaml the offending value is written, when known.
 */
public final class ConfigtxgenException extends Exception {
    private final transient Range range;

    public ConfigtxgenException(String message, Range range) {
        super(message);
        this.range = range;
    }

    public ConfigtxgenException(String message) {
        this(message, null);
    }

    /** The same problem under one more of configtxgen's context prefixes ("could not create channel group: …"). */
    public ConfigtxgenException wrap(String context) {
        return new ConfigtxgenException(context + ": " + getMessage(), range);
    }

    public Optional<Range> range() {
        return Optional.ofNullable(range);
    }
}
