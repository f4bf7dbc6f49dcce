package io.raftlens.lsp.live;

import java.util.List;
import java.util.Optional;

/** The state of every consenter of a running network at one moment, per channel. */
public record NetworkSnapshot(String profile, List<String> channels, List<NodeState> nodes) {

    public NetworkSnapshot {
        channels = List.copyOf(channels);
        nodes = List.copyOf(nodes);
    }

    public Optional<NodeState> node(long id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst();
    }

    /** The running node that is leader of {@code channel} at the highest term. */
    public Optional<NodeState> leader(String channel) {
        return nodes.stream().filter(n -> "leader".equals(n.role(channel)))
                .max(java.util.Comparator.comparingLong(n -> n.term(channel)));
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

    public String name(long id) {
        return node(id).map(NodeState::host).orElse(id == 0 ? "none" : "node " + id);
    }
}
