package io.raftlens.raft.core;

/** Read-only view of a peer's replication progress (leader only). */
public record Progress(long match, long next, ProgressState state, boolean recentActive, int inflight) {
}
