/**
 * The pure part of a channel's chain on one node (Fabric etcdraft's {@code Chain.run} and {@code ordered}/
 * {@code propose}/{@code writeBlock} logic): {@link io.raftlens.raft.node.core.ChainCore} takes events (broadcasts,
 * the batch timer, role changes, quorum commits, applied entries, failed proposals, halts) and answers with
 * {@link io.raftlens.raft.node.core.ChainAction}s (propose a block, reply to a client, arm or disarm the batch
 * timer). One explicit serving state ({@link io.raftlens.raft.node.core.ChainCore.Serving}) replaces flags.
 *
 * <p>May depend on: the JDK, protobuf, the Fabric protos, {@code raft.core} (its role enum, entries and logger
 * interface) and {@code raft.orderer} (block cutter, block factory, blocks). No threads, clocks, I/O or hidden
 * randomness (enforced by {@code ChainCoreArchitectureTest}); the threaded driver is {@code node.Chain}.
 */
package io.raftlens.raft.node.core;
