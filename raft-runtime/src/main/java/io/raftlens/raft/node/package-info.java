/**
 * An ordering node and its channels: {@link io.raftlens.raft.node.OrderingNode} (transport, channels, lifecycle)
 * and per channel a {@link io.raftlens.raft.node.Chain} — the threaded driver of the pure
 * {@link io.raftlens.raft.node.core.ChainCore} — with its Raft loop ({@link io.raftlens.raft.node.RaftLoop}, Fabric's
 * persist-then-send Ready order by default, see {@link io.raftlens.raft.node.ReadyOrder}), recovery
 * ({@link io.raftlens.raft.node.ChainRecovery}), consenter changes ({@link io.raftlens.raft.node.Reconfiguration}
 * driving the pure {@link io.raftlens.raft.node.core.ConsenterChanges}, {@link io.raftlens.raft.node.ConsenterUpdates})
 * and the I/O the core asks for (block pulls for the snapshot catch-up and the eviction suspicion, timers).
 *
 * <p>Broadcasts enter through {@link io.raftlens.raft.node.Chain#broadcast(org.hyperledger.fabric.protos.common.Envelope)}
 * after the chain's {@link io.raftlens.raft.orderer.admission.EnvelopeAdmission} (replace it with
 * {@code Chain.admission(…)}; the control API's raw bytes use {@code Chain.broadcast(byte[])}). Config updates enter
 * through {@link io.raftlens.raft.node.Chain#configure} as CONFIG envelopes the protocol layer made and signed, with a
 * {@link io.raftlens.raft.node.ConfigRevalidation} for when the config sequence moves before the leader orders them.
 *
 * <p>May depend on: {@code raft.core}, {@code raft.wal}, {@code raft.transport}, {@code raft.metrics},
 * {@code raft.orderer} and {@code node.core}; never on {@code raft.network} or the language server.
 */
package io.raftlens.raft.node;
