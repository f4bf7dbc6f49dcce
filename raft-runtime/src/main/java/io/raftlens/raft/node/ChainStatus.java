package io.raftlens.raft.node;

/** One channel as one node sees it: role label ("leader", "follower", "candidate", "pre-candidate"), term, leader. */
public record ChainStatus(String role, long term, long leader, long commitIndex, long height) {
}
