package io.raftlens.raft.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The event lines between two polls of the same orderers: one per change a person would want to see. */
public final class StatusChanges {

    private StatusChanges() {
    }

    public static List<String> between(Map<String, OrdererStatus> before, Map<String, OrdererStatus> after) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, OrdererStatus> e : after.entrySet()) {
            String host = e.getKey();
            OrdererStatus now = e.getValue();
            OrdererStatus was = before.get(host);
            if (was == null) {
                lines.add(host + ": " + (now.reachable() ? "reachable" : "unreachable (" + now.error() + ")"));
                continue;
            }
            if (was.reachable() != now.reachable()) {
                lines.add(host + ": " + (now.reachable() ? "reachable again" : "unreachable (" + now.error() + ")"));
            }
            if (now.reachable() && was.reachable() && !Objects.equals(was.health(), now.health())) {
                lines.add(host + ": health " + was.health() + " → " + now.health());
            }
            TreeSet<String> channels = new TreeSet<>(now.channels().keySet());
            channels.addAll(was.channels().keySet());
            for (String ch : channels) {
                OrdererStatus.ChannelStatus a = was.channels().get(ch);
                OrdererStatus.ChannelStatus b = now.channels().get(ch);
                if (a == null || b == null) {
                    if (now.reachable() && was.reachable()) {
                        lines.add(host + " " + ch + ": " + (b == null ? "channel gone" : "channel appeared"));
                    }
                    continue;
                }
                if (a.leader() != b.leader()) {
                    lines.add(host + " " + ch + ": " + (b.leader() ? "became leader" : "no longer leader"));
                }
                if (b.leaderChanges() > a.leaderChanges() && a.leaderChanges() >= 0) {
                    lines.add(host + " " + ch + ": leader changed (leader_changes " + a.leaderChanges() + " → " + b.leaderChanges() + ")");
                }
                if (a.activeNodes() != b.activeNodes()) {
                    lines.add(host + " " + ch + ": active nodes " + a.activeNodes() + " → " + b.activeNodes() + " of " + b.clusterSize());
                }
            }
        }
        return lines;
    }

    /** Whether a channel may lose quorum: the leader reports fewer active nodes than a majority, or none leads. */
    public static List<String> risks(Map<String, OrdererStatus> now) {
        List<String> out = new ArrayList<>();
        TreeSet<String> channels = new TreeSet<>();
        now.values().forEach(s -> channels.addAll(s.channels().keySet()));
        for (String ch : channels) {
            List<OrdererStatus.ChannelStatus> views = now.values().stream().filter(OrdererStatus::reachable)
                    .map(s -> s.channels().get(ch)).filter(Objects::nonNull).toList();
            long leaders = views.stream().filter(OrdererStatus.ChannelStatus::leader).count();
            long size = views.stream().mapToLong(OrdererStatus.ChannelStatus::clusterSize).max().orElse(-1);
            if (leaders == 0 && !views.isEmpty()) {
                out.add(ch + ": no reachable orderer is leader");
            }
            for (OrdererStatus.ChannelStatus v : views) {
                if (v.leader() && size > 0 && v.activeNodes() >= 0 && v.activeNodes() < size / 2 + 1) {
                    out.add(ch + ": quorum at risk — the leader sees " + v.activeNodes() + " active of " + size
                            + " (a majority is " + (size / 2 + 1) + ")");
                }
            }
        }
        return out;
    }
}
