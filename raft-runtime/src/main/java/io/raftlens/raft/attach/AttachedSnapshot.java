package io.raftlens.raft.attach;

import io.raftlens.raft.fabric.participation.ChannelInfo;
import io.raftlens.raft.network.ChannelState;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NodeRole;
import io.raftlens.raft.network.NodeState;
import io.raftlens.raft.ids.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Orderers followed through their operations endpoints, as the {@link NetworkSnapshot} the launch's live view draws.
 * Fabric's metrics say who leads ({@code consensus_etcdraft_is_leader}) and how far each ledger is
 * ({@code consensus_etcdraft_committed_block_number}), not the Raft term: an attached node's term is 0 (unknown).
 * An orderer whose endpoint does not answer (or that has none) reads as not running; every reachable member of a
 * channel follows the one orderer that says it leads (0 when none or several do).
 */
public final class AttachedSnapshot {

    private AttachedSnapshot() {
    }

    /**
     * @param polled   the last poll, by consenter address ({@code host:port}); consenters without an entry were not polled
     * @param channels the channels to show; empty: every channel an orderer reports
     */
    public static NetworkSnapshot of(String profile, List<EndpointMapping.Consenter> consenters, Map<String, String> opsUrls,
                                     Map<String, OrdererStatus> polled, List<String> channels) {
        return of(profile, consenters, opsUrls, polled, Map.of(), channels);
    }

    /**
     * With the channel participation API's answers too ({@code admin}, by consenter address): a channel an orderer has
     * joined shows even without etcdraft metrics (a follower, one onboarding), its height is the API's ledger height,
     * and an orderer whose API answers is running though its operations endpoint does not.
     */
    public static NetworkSnapshot of(String profile, List<EndpointMapping.Consenter> consenters, Map<String, String> opsUrls,
                                     Map<String, OrdererStatus> polled, Map<String, ParticipationStatus> admin, List<String> channels) {
        List<String> shown = channels.isEmpty() ? reported(polled, admin) : List.copyOf(channels);
        Map<String, Long> leaders = new LinkedHashMap<>();
        for (String ch : shown) {
            List<Long> claim = new ArrayList<>();
            for (EndpointMapping.Consenter c : consenters) {
                OrdererStatus s = polled.get(c.address());
                if (s != null && s.reachable() && s.channels().containsKey(ch) && s.channels().get(ch).leader()
                        && !left(admin.get(c.address()), ch)) {
                    claim.add(c.id());
                }
            }
            leaders.put(ch, claim.size() == 1 ? claim.get(0) : 0L);
        }
        List<NodeState> nodes = new ArrayList<>();
        Map<String, List<NodeId>> members = new LinkedHashMap<>();
        for (EndpointMapping.Consenter c : consenters) {
            OrdererStatus s = polled.get(c.address());
            ParticipationStatus p = admin.get(c.address());
            boolean opsUp = s != null && s.reachable();
            boolean adminUp = p != null && p.reachable();
            boolean up = opsUp || adminUp;
            Map<String, ChannelState> states = new LinkedHashMap<>();
            for (String ch : shown) {
                members.computeIfAbsent(ch, k -> new ArrayList<>()).add(NodeId.of(c.id()));
                // the API is the word on membership: a removed channel's gauges stay in /metrics (as Fabric's do)
                OrdererStatus.ChannelStatus cs = opsUp && !left(p, ch) ? s.channels().get(ch) : null;
                ChannelInfo joined = adminUp ? p.channels().get(ch) : null;
                if (cs == null && joined == null) {
                    continue;
                }
                if (cs == null) {
                    states.put(ch, new ChannelState(NodeRole.FOLLOWER, 0, NodeId.of(leaders.get(ch)), -1, joined.height(), true));
                    continue;
                }
                long height = joined != null ? joined.height() : cs.committedBlock() < 0 ? 0 : cs.committedBlock() + 1;
                states.put(ch, new ChannelState(cs.leader() ? NodeRole.LEADER : NodeRole.FOLLOWER, 0, NodeId.of(leaders.get(ch)),
                        -1, height, true));
            }
            nodes.add(new NodeState(NodeId.of(c.id()), c.host(), c.port(), opsUrls.getOrDefault(c.address(), ""), up, false, states));
        }
        return new NetworkSnapshot(profile, shown, members, nodes);
    }

    /** Whether the orderer's channel participation API answered without {@code channel}: it is not (or no longer) on it. */
    private static boolean left(ParticipationStatus p, String channel) {
        return p != null && p.reachable() && !p.channels().containsKey(channel);
    }

    /** Every channel a reachable orderer reports, sorted. */
    public static List<String> reported(Map<String, OrdererStatus> polled) {
        return reported(polled, Map.of());
    }

    /** Every channel a reachable orderer reports in its metrics or its channel participation API, sorted. */
    public static List<String> reported(Map<String, OrdererStatus> polled, Map<String, ParticipationStatus> admin) {
        TreeSet<String> out = new TreeSet<>();
        polled.values().stream().filter(OrdererStatus::reachable).forEach(s -> out.addAll(s.channels().keySet()));
        admin.values().stream().filter(ParticipationStatus::reachable).forEach(s -> out.addAll(s.channels().keySet()));
        return List.copyOf(out);
    }
}
