package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every consenter of a network at one moment, per channel: what {@code GET /v1/network} serves
 * ({@link ControlJson#network}), what the editor's lenses, hints and diagnostics show, and what the live table draws.
 *
 * @param channels   the channels, in the order they are shown
 * @param consenters each channel's consenter set (node ids) now
 */
public record NetworkSnapshot(String profile, List<String> channels, Map<String, List<NodeId>> consenters,
                              List<NodeState> nodes) {

    public NetworkSnapshot {
        channels = List.copyOf(channels);
        consenters = Map.copyOf(consenters);
        nodes = List.copyOf(nodes);
    }

    /** The same moment with the channels in another order (the editor shows them in the order asked for). */
    public NetworkSnapshot withChannels(List<String> ordered) {
        return new NetworkSnapshot(profile, ordered, consenters, nodes);
    }

    public Optional<NodeState> node(NodeId id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The running node that is leader of {@code channel} at the highest term. */
    public Optional<NodeState> leader(String channel) {
        return nodes.stream().filter(n -> n.role(channel).isLeader()).max(Comparator.comparingLong(n -> n.term(channel)));
    }

    /** The highest term any node has seen on {@code channel}. */
    public long term(String channel) {
        return nodes.stream().mapToLong(n -> n.term(channel)).max().orElse(0);
    }

    /** The highest ledger height on {@code channel} (blocks, genesis included). */
    public long height(String channel) {
        return nodes.stream().mapToLong(n -> n.height(channel)).max().orElse(0);
    }

    public long running() {
        return nodes.stream().filter(NodeState::running).count();
    }

    /** Raft's majority of the consenter set. */
    public int quorum() {
        return nodes.size() / 2 + 1;
    }

    /** A node's consenter host, for messages ("none" for {@link NodeId#NONE}). */
    public String name(NodeId id) {
        return node(id).map(NodeState::host).orElse(id.isNone() ? "none" : "node " + id);
    }
}
