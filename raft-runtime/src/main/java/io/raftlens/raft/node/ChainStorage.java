package io.raftlens.raft.node;

import io.raftlens.raft.wal.RaftDisk;

/** Opens one channel's durable state on one node: its WAL + snapshots and its block ledger. */
public interface ChainStorage {
    RaftDisk openWal(String channel);

    ChainLedger openLedger(String channel);

    /**
     * Opens a channel joined at run time (the participation API), whose block 0 is {@code genesis} rather than one
     * of the node's spec.
     */
    default ChainLedger openLedger(String channel, org.hyperledger.fabric.protos.common.Block genesis) {
        throw new UnsupportedOperationException("this storage cannot hold channels joined at run time");
    }

    /** Deletes everything of a channel (closed): ledger, WAL and snapshots, as Fabric's RemoveChannel. */
    default void removeChannel(String channel) {
        throw new UnsupportedOperationException("this storage cannot remove channels");
    }

    /**
     * Deletes a channel's WAL and snapshots (closed): the Raft state of a Raft id this node no longer has, before it
     * joins the channel again under a new one. The block ledger stays.
     */
    void discardRaftState(String channel);
}
