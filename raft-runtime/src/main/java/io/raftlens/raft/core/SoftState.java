package io.raftlens.raft.core;

/** Volatile state that need not be persisted: who leads and this node's role. */
public record SoftState(long leader, StateRole role) {
}
