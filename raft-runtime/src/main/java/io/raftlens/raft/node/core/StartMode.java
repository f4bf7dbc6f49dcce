package io.raftlens.raft.node.core;

/** How a chain's Raft node starts (Fabric etcdraft {@code node.start(fresh, join)}). */
public enum StartMode {
    /** A new channel: block 0 only, no WAL; the Raft node bootstraps with the consenters as its peers. */
    FRESH,
    /** Joining an existing channel (added by a config update, or onboarded from a later config block): no WAL. */
    JOIN,
    /** A WAL exists: the Raft node restarts from it. */
    RESTART
}
