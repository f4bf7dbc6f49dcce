package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;

/**
 * One channel as one node sees it, in the network's terms: its role, the term, the leader it follows ({@link NodeId#NONE}: none), its Raft commit index and ledger height, and whether it is in the channel's current consenter set.
 */
public record ChannelState(NodeRole role, long term, NodeId leader, long commitIndex, long height, boolean consenter) {
}
