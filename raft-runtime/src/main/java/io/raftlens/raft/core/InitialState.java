package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.HardState;

/** What a node restarts from: its persisted hard state and the configuration of its latest snapshot. */
public record InitialState(HardState hardState, ConfState confState) {
}
