/**
 * The Raft core: a pure, deterministic state machine with etcd raft's semantics, including its log lines: etcd-io/raft
 * v3.6 (Fabric 3.1.5 and later) by default, or etcd v3.5's (Fabric 2.5 to 3.1.4) with
 * {@link io.raftlens.raft.core.EtcdRaftVersion#V3_5}, which counts a node's own vote and own appends at once.
 *
 * <p>No threads, clocks, files or network here. A driver owns one {@link io.raftlens.raft.core.RawNode}
 * per Raft group and runs this loop on a single thread:
 * <pre>{@code
 * every tick interval:         node.tick()
 * for each received message:   node.step(msg)
 * to order data:               node.propose(data)            // leader only with forwarding disabled
 * while (node.hasReady()) {
 *     Ready rd = node.ready();
 *     persist rd.snapshot(), rd.entries(), rd.hardState()    // fsync if rd.mustSync()
 *     send rd.messages()                                      // only after persisting
 *     apply rd.committedEntries()                             // applyConfChange for EntryConfChange
 *     node.advance(rd);
 * }
 * }</pre>
 * After sending a MsgSnap the driver reports the outcome with {@code reportSnapshot(to, failed)}; until
 * then the leader sends that follower nothing else (etcd's contract). Unreachable peers can be reported
 * with {@code reportUnreachable(id)} so the leader stops pipelining to them.
 *
 * <p>Randomness comes only from {@link io.raftlens.raft.core.RaftConfig#random()}: one
 * {@code nextInt(electionTick)} draw per election-timeout reset. Peers are always visited in ascending id
 * order, so a seeded run is reproducible message by message.
 *
 * <p>Ids here are plain {@code long}s, etcd's {@code uint64}: the core knows only Raft ids, is the hot path (every
 * message, progress entry and vote carries one) and depends on nothing outside the JDK and protobuf. The typed
 * {@code io.raftlens.raft.ids.RaftId}/{@code NodeId} begin where the network meets the node
 * ({@code OrderingNode.nodeId}/{@code raftId}).
 */
package io.raftlens.raft.core;
