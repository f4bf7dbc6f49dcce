/**
 * The two id spaces of a network, as distinct types so that one is never passed where the other is meant:
 * {@link io.raftlens.raft.ids.NodeId}, the launch's id of an ordering node (1-based consenter position in the
 * profile; what the control API, events, the live table and the editor speak), and
 * {@link io.raftlens.raft.ids.RaftId}, a consenter's id inside one channel's Raft group (Fabric assigns the genesis
 * consenters 1..n, then {@code next_consenter_id} to each one a config update adds, so the two differ once
 * consenters change). {@code OrderingNode.nodeId}/{@code raftId} is the one translator between them.
 *
 * <p>The Raft core ({@code io.raftlens.raft.core}) keeps plain {@code long} ids, as etcd's {@code uint64}: it is
 * the hot path, knows only Raft ids, and depends on nothing but the JDK and protobuf.
 *
 * <p>Depends on nothing; every other raft-runtime package and lsp-server may use it.
 */
package io.raftlens.raft.ids;
