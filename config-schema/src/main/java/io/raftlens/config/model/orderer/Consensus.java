package io.raftlens.config.model.orderer;

import io.raftlens.config.value.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code Consensus}: etcdraft's local settings (opaque to the orderer; etcdraft decodes it leniently).
 * WALDir and SnapDir are not resolved against the folder of orderer.yaml: Fabric uses them as written,
 * relative to the orderer's working directory. Each channel gets {@code <dir>/<channelID>}.
 */
public final class Consensus extends Section {

    public static final Duration DEFAULT_EVICTION_SUSPICION = Duration.ofMinutes(10);

    Consensus(OrdererYaml file) {
        super(file.child("Consensus"), "Consensus", file.folder());
    }

    public Optional<Path> walDir() {
        return path("WALDir", false);
    }

    public Optional<Path> snapDir() {
        return path("SnapDir", false);
    }

    /** Default 10m. A Go duration string (a bare number has no unit and fails in Fabric). */
    public Duration evictionSuspicion() {
        return stringDuration("EvictionSuspicion").orElse(DEFAULT_EVICTION_SUSPICION);
    }

    /** When set, replaces every channel's EtcdRaft TickInterval on this node. */
    public Optional<Duration> tickIntervalOverride() {
        return stringDuration("TickIntervalOverride");
    }

    private Optional<Duration> stringDuration(String key) {
        return text(key).map(t -> GoDuration.parse(t.trim())).filter(GoDuration.Parsed::ok).map(GoDuration.Parsed::value);
    }
}
