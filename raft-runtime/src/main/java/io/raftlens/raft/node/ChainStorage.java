package io.raftlens.raft.node;

import io.raftlens.raft.wal.RaftDisk;

/** Opens one channel's durable state on one node: its WAL + snapshots and its block ledger. */
public interface ChainStorage {
    RaftDisk openWal(String channel);

    ChainLedger openLedger(String channel);

    /**
     * Deletes a channel's WAL and snapshots (closed): the Raft state of a Raft id this node no longer has, before it
     * joins the channel again under a new one. The block ledger stays.
     */
    void discardRaftState(String channel);
}
