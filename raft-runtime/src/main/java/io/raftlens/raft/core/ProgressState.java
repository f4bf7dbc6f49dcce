package io.raftlens.raft.core;

/** Replication state of a follower as seen by the leader (etcd tracker.StateType). */
public enum ProgressState {
    /** One append at a time, waiting for its answer, until the follower's log position is known. */
    PROBE,
    /** Optimistic pipelining bounded by the inflight window. */
    REPLICATE,
    /** Waiting for a snapshot to be installed. */
    SNAPSHOT
}
