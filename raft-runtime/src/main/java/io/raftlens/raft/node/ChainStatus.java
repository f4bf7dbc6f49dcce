package io.raftlens.raft.node;

import java.util.List;

/**
 * One channel as one node sees it: role label ("leader", "follower", "candidate", "pre-candidate", or "evicted" once
 * a config update removed this node from the channel's consenters and its chain halted, or "halted" after a chain
 * failure), term, leader, and the
 * channel's consenter set (Raft ids) as of the last config block this node wrote.
 */
public record ChainStatus(String role, long term, long leader, long commitIndex, long height, List<Long> consenters) {

    public static final String EVICTED = "evicted";
    /** The chain stopped after a failure it cannot recover from (Fabric panics); it answers SERVICE_UNAVAILABLE. */
    public static final String HALTED = "halted";

    public ChainStatus {
        consenters = List.copyOf(consenters);
    }

    public boolean evicted() {
        return EVICTED.equals(role);
    }

    /** Evicted or failed: the chain orders nothing any more on this node. */
    public boolean stopped() {
        return EVICTED.equals(role) || HALTED.equals(role);
    }
}
