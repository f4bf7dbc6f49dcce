package io.raftlens.raft.network;

/**
 * One channel as one node sees it, in the network's terms: its role, the term, the leader it follows (a node id,
 * 0: none), its Raft commit index and ledger height, and whether it is in the channel's current consenter set.
 */
public record ChannelState(NodeRole role, long term, long leader, long commitIndex, long height, boolean consenter) {
}
