package io.raftlens.lsp.live;

import java.util.List;
import org.eclipse.lsp4j.Range;

/**
 * The {@code raftlens/networkStatus} notification: one channel of the network launched from {@code uri}, or of the
 * running orderers followed from it ({@code attached}: true; their term is 0, unknown: Fabric's metrics do not say).
 * {@code running} is false once the network stopped or was detached (then {@code nodes} is empty).
 */
public record NetworkStatus(String uri, String channel, boolean running, List<Node> nodes, boolean attached) {

    public NetworkStatus(String uri, String channel, boolean running, List<Node> nodes) {
        this(uri, channel, running, nodes, false);
    }

    /**
     * One consenter: role is leader, follower, candidate, pre-candidate, evicted or stopped; leader is a Raft id (0: none).
     * {@code participation}: attached orderers whose channel participation API answered, "consenter, active" (Fabric's
     * consensusRelation and status on the channel) or "not joined"; null otherwise.
     */
    public record Node(long id, String name, String role, long term, long leader, long height, Range range, String participation) {
        public Node(long id, String name, String role, long term, long leader, long height, Range range) {
            this(id, name, role, term, leader, height, range, null);
        }
    }
}
