package io.raftlens.raft.attach;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One orderer as its operations endpoint shows it at one poll.
 *
 * @param host      the consenter host it stands for
 * @param reachable whether {@code /metrics} answered
 * @param error     why not, or {@code null}
 * @param health    {@code /healthz}: {@code OK}, or the failed checks, or {@code null} when not asked/unreachable
 * @param channels  per channel, from the {@code consensus_etcdraft_*} gauges and counters
 */
public record OrdererStatus(String host, boolean reachable, String error, String health, Map<String, ChannelStatus> channels) {

    /** A channel on one orderer; -1 for a metric the orderer did not report. */
    public record ChannelStatus(String channel, boolean leader, long leaderChanges, long clusterSize, long activeNodes,
                                long committedBlock, long participationStatus) {
    }

    public static OrdererStatus unreachable(String host, String error) {
        return new OrdererStatus(host, false, error, null, Map.of());
    }

    /** Reads Fabric's metric names (orderer/consensus/etcdraft/metrics.go, multichannel/metrics.go). */
    public static OrdererStatus fromMetrics(String host, String metricsText, String health) {
        Map<String, long[]> values = new TreeMap<>();
        List<Exposition.Sample> samples = Exposition.parse(metricsText);
        for (Exposition.Sample s : samples) {
            String ch = s.label("channel");
            if (ch == null) {
                continue;
            }
            int slot = switch (s.name()) {
                case "consensus_etcdraft_is_leader" -> 0;
                case "consensus_etcdraft_leader_changes" -> 1;
                case "consensus_etcdraft_cluster_size" -> 2;
                case "consensus_etcdraft_active_nodes" -> 3;
                case "consensus_etcdraft_committed_block_number" -> 4;
                case "participation_status" -> 5;
                default -> -1;
            };
            if (slot < 0) {
                continue;
            }
            values.computeIfAbsent(ch, k -> new long[] {-1, -1, -1, -1, -1, -1})[slot] = (long) s.value();
        }
        Map<String, ChannelStatus> channels = new TreeMap<>();
        values.forEach((ch, v) -> {
            if (v[0] >= 0 || v[2] >= 0) { // an etcdraft channel (not only participation)
                channels.put(ch, new ChannelStatus(ch, v[0] == 1, v[1], v[2], v[3], v[4], v[5]));
            }
        });
        return new OrdererStatus(host, true, null, health, channels);
    }
}
