package io.raftlens.raft.node;

import java.util.List;

/**
 * One channel as one node sees it: role label ("leader", "follower", "candidate", "pre-candidate", or "evicted" once
 * a config update removed this node from the channel's consenters and its chain halted), term, leader, and the
 * channel's consenter set (Raft ids) as of the last config block this node wrote.
 */
public record ChainStatus(String role, long term, long leader, long commitIndex, long height, List<Long> consenters) {

    public static final String EVICTED = "evicted";

    public ChainStatus {
        consenters = List.copyOf(consenters);
    }

    public boolean evicted() {
        return EVICTED.equals(role);
    }
}
