package io.raftlens.raft.core;

import java.util.Map;

/** A point-in-time view of a node. {@code progress} is filled on the leader only, keyed by node id in ascending order. */
public record Status(long id, long term, long vote, long commit, long applied, long leader,
                     StateRole role, Map<Long, Progress> progress, long leadTransferee) {
}
