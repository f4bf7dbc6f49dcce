package io.raftlens.raft.node;

/** Opens one channel's durable state on one node: its WAL + snapshots and its block ledger. */
public interface ChainStorage {
    RaftPersistence openWal(String channel);

    ChainLedger openLedger(String channel);
}
