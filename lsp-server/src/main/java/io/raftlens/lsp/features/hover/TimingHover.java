package io.raftlens.lsp.features.hover;

import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.lsp.features.EtcdRaftTiming;
import java.util.List;
import java.util.Set;

/** For TickInterval, ElectionTick and HeartbeatTick: the heartbeat and election timeout they produce. */
final class TimingHover implements HoverParticipant {

    static final Set<String> TIMING_KEYS = Set.of("tickinterval", "electiontick", "heartbeattick");

    @Override
    public void hover(HoverRequest request, List<String> sections) {
        List<String> path = request.at().path();
        String key = request.at().key();
        if (key == null || !TIMING_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT)) || path.size() < 3
                || !path.get(path.size() - 2).equalsIgnoreCase("Options")
                || !path.get(path.size() - 3).equalsIgnoreCase("EtcdRaft")) {
            return;
        }
        YamlMapping options = request.at().parent();
        EtcdRaftTiming.of(options).ifPresent(t -> sections.add(
                "Derived: " + t.summary() + " (TickInterval " + io.raftlens.config.value.GoDuration.format(t.tick())
                        + " × HeartbeatTick " + t.heartbeatTick() + "; election after " + t.electionTick() + "–"
                        + 2 * t.electionTick() + " ticks, randomized by etcd/raft)"));
    }
}
