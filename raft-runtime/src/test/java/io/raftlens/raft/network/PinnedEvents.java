package io.raftlens.raft.network;

import java.util.List;

/** One event of each kind with fixed values, as {@link LocalNetwork} publishes them (for {@link ControlJsonPinTest}). */
final class PinnedEvents {

    private PinnedEvents() {
    }

    private static NetworkEvent at(long time, NetworkEvent e) {
        return new NetworkEvent(e.type(), time, e.fields());
    }

    static NetworkEvent state(long t) {
        return at(t, NetworkEvent.of("state", "channel", "mychannel", "node", 2L, "role", "leader", "term", 3L, "leader", 2L));
    }

    static NetworkEvent leader(long t) {
        return at(t, NetworkEvent.of("leader", "channel", "mychannel", "node", 1L, "from", 0L, "to", 2L, "term", 3L));
    }

    static NetworkEvent election(long t) {
        return at(t, NetworkEvent.of("election", "channel", "mychannel", "node", 2L, "term", 3L, "durationMs", 312L,
                "preVotes", 2, "votes", 2, "rejections", 1));
    }

    static NetworkEvent membership(long t) {
        return at(t, NetworkEvent.of("membership", "channel", "mychannel", "node", 1L, "block", 7L, "change", "removed 3",
                "consenters", List.of(1L, 2L)));
    }

    static NetworkEvent block(long t) {
        return at(t, NetworkEvent.of("block", "channel", "mychannel", "node", 1L, "number", 8L, "transactions", 10));
    }

    static NetworkEvent node(long t, String state) {
        return at(t, NetworkEvent.of("node", "node", 3L, "name", "orderer3.example.com", "state", state));
    }

    static NetworkEvent partition(long t, List<List<Long>> groups) {
        return at(t, NetworkEvent.of("partition", "groups", groups));
    }

}
