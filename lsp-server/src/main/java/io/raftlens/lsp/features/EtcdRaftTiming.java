package io.raftlens.lsp.features;

import io.raftlens.config.value.GoDuration;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlScalar;
import java.time.Duration;
import java.util.Optional;

/**
 * The etcdraft timing an {@code EtcdRaft.Options} mapping produces, with configtxgen's defaults for
 * missing keys: heartbeat = TickInterval × HeartbeatTick; etcd/raft randomizes each follower's election
 * timeout in [ElectionTick, 2 × ElectionTick) ticks.
 */
public record EtcdRaftTiming(Duration tick, long electionTick, long heartbeatTick) {

    public static final Duration DEFAULT_TICK = Duration.ofMillis(500);
    public static final long DEFAULT_ELECTION_TICK = 10;
    public static final long DEFAULT_HEARTBEAT_TICK = 1;

    /** Empty when a value cannot be read (the diagnostics explain why). */
    public static Optional<EtcdRaftTiming> of(YamlMapping options) {
        Duration tick = DEFAULT_TICK;
        Optional<String> tickText = scalar(options, "TickInterval");
        if (tickText.isPresent()) {
            GoDuration.Parsed parsed = GoDuration.parse(tickText.get());
            if (!parsed.ok() || parsed.value().isZero() || parsed.value().isNegative()) {
                return Optional.empty();
            }
            tick = parsed.value();
        }
        Optional<Long> election = number(options, "ElectionTick", DEFAULT_ELECTION_TICK);
        Optional<Long> heartbeat = number(options, "HeartbeatTick", DEFAULT_HEARTBEAT_TICK);
        if (election.isEmpty() || heartbeat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EtcdRaftTiming(tick, election.get(), heartbeat.get()));
    }

    public Duration heartbeat() {
        return tick.multipliedBy(heartbeatTick);
    }

    public Duration electionMin() {
        return tick.multipliedBy(electionTick);
    }

    public Duration electionMax() {
        return tick.multipliedBy(2 * electionTick);
    }

    /** "heartbeat 500ms · election timeout 5s–10s" */
    public String summary() {
        return "heartbeat " + GoDuration.format(heartbeat()) + " · election timeout "
                + GoDuration.format(electionMin()) + "–" + GoDuration.format(electionMax());
    }

    private static Optional<String> scalar(YamlMapping m, String key) {
        return m.entriesIgnoreCase(key).stream().findFirst()
                .filter(e -> e.value() instanceof YamlScalar s && !s.isNull())
                .map(e -> ((YamlScalar) e.value()).value().strip());
    }

    private static Optional<Long> number(YamlMapping m, String key, long fallback) {
        Optional<String> text = scalar(m, key);
        if (text.isEmpty()) {
            return Optional.of(fallback);
        }
        try {
            long v = Long.parseLong(text.get());
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
