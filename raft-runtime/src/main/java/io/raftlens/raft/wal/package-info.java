/**
 * Durable Raft state per channel per node: the write-ahead log ({@link io.raftlens.raft.wal.Wal}, etcd's
 * segment layout and replay semantics, CRC-32C per record, group commit on a writer thread, torn-tail repair)
 * and the snapshot files ({@link io.raftlens.raft.wal.SnapshotStore}), combined for the node driver by
 * {@link io.raftlens.raft.wal.RaftDisk}.
 */
package io.raftlens.raft.wal;
