package io.raftlens.raft.node;

import io.raftlens.raft.wal.RaftDisk;

/** Opens one channel's durable state on one node: its WAL + snapshots and its block ledger. */
public interface ChainStorage {
    RaftDisk openWal(String channel);

    ChainLedger openLedger(String channel);
}
