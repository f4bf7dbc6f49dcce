/**
 * The pure part of a channel's chain on one node (Fabric etcdraft's {@code Chain.run} and {@code ordered}/
 * {@code propose}/{@code writeBlock} logic): {@link io.raftlens.raft.node.core.ChainCore} takes events (broadcasts,
 * the batch timer, role changes, quorum commits, batches of committed entries to apply, saved snapshots, failed
 * proposals, halts, the Raft node's start,
 * the stop-time abdication, snapshot catch-up and its pulled blocks, the eviction suspicion's checks and pulls) and
 * answers with {@link io.raftlens.raft.node.core.ChainAction}s (propose a block, reply to a client, arm or disarm a
 * timer, campaign, transfer leadership, write a committed block, apply a conf change, take a snapshot, pull or write
 * blocks, halt). One explicit serving state
 * ({@link io.raftlens.raft.node.core.ChainCore.Serving}) replaces flags. Its pure helpers: Fabric's first-campaign
 * pick ({@link io.raftlens.raft.node.core.FirstCampaign}), the snapshot trigger
 * ({@link io.raftlens.raft.node.core.SnapshotTrigger}), the eviction suspicion
 * ({@link io.raftlens.raft.node.core.EvictionSuspector}) and the consenter changes' bookkeeping
 * ({@link io.raftlens.raft.node.core.ConsenterChanges}). Every behaviour is scripted in
 * {@code src/test/resources/chain-scripts} ({@code ChainCoreScriptTest}).
 *
 * <p>May depend on: the JDK, protobuf, the Fabric protos, {@code raft.core} (its role enum, entries, progress and
 * logger interface) and {@code raft.orderer} (block cutter, block factory, blocks, reading a config block's
 * etcdraft metadata). No threads, clocks, I/O or hidden randomness (enforced by {@code ChainCoreArchitectureTest});
 * the threaded driver is {@code node.Chain}.
 */
package io.raftlens.raft.node.core;
