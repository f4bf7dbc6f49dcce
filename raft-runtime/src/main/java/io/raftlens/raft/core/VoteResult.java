package io.raftlens.raft.core;

/** Outcome of tallying votes against a majority quorum. */
enum VoteResult { PENDING, LOST, WON }
