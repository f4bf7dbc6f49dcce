package io.raftlens.raft.core;

/**
 * Read-only view of a peer's replication progress (leader only). {@code paused}: etcd's {@code IsPaused()}, the
 * leader sends it no more appends for now (probing and waiting, window full, or a snapshot in flight).
 */
public record Progress(long match, long next, ProgressState state, boolean recentActive, int inflight, boolean paused) {
}
