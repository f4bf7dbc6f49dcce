package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import java.util.List;

/** One event of each kind with fixed values, as {@link LocalNetwork} publishes them (for {@link ControlJsonPinTest}). */
final class PinnedEvents {

    private PinnedEvents() {
    }

    static NetworkEvent state(long t) {
        return new NetworkEvent.StateChanged(t, "mychannel", NodeId.of(2), NodeRole.LEADER, 3, NodeId.of(2));
    }

    static NetworkEvent leader(long t) {
        return new NetworkEvent.LeaderChanged(t, "mychannel", NodeId.of(1), NodeId.NONE, NodeId.of(2), 3);
    }

    static NetworkEvent election(long t) {
        return new NetworkEvent.ElectionWon(t, "mychannel", NodeId.of(2), 3, 312, 2, 2, 1);
    }

    static NetworkEvent membership(long t) {
        return new NetworkEvent.MembershipChanged(t, "mychannel", NodeId.of(1), 7, false, NodeId.of(3), List.of(NodeId.of(1), NodeId.of(2)));
    }

    static NetworkEvent block(long t) {
        return new NetworkEvent.BlockCommitted(t, "mychannel", NodeId.of(1), 8, 10);
    }

    static NetworkEvent node(long t, String state) {
        NetworkEvent.Lifecycle lifecycle = state.startsWith("evicted from ") ? NetworkEvent.Lifecycle.EVICTED
                : NetworkEvent.Lifecycle.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        String channel = lifecycle == NetworkEvent.Lifecycle.EVICTED ? state.substring("evicted from ".length()) : null;
        return new NetworkEvent.NodeLifecycle(t, NodeId.of(3), "orderer3.example.com", lifecycle, channel);
    }

    static NetworkEvent partition(long t, List<List<Long>> groups) {
        return new NetworkEvent.PartitionChanged(t, groups.stream().map(g -> g.stream().map(NodeId::of).toList()).toList());
    }
}
