/**
 * A whole ordering network: planning it from configtx.yaml ({@link io.raftlens.raft.network.NetworkPlanner},
 * {@link io.raftlens.raft.network.NetworkPlanLoader}), running every consenter in this JVM
 * ({@link io.raftlens.raft.network.LocalNetwork}) with its data directory, the typed model of what it does
 * ({@link io.raftlens.raft.network.NetworkSnapshot}, {@link io.raftlens.raft.network.NetworkEvent},
 * {@link io.raftlens.raft.network.NodeRole}, {@link io.raftlens.raft.network.NetworkOperationException}), the control
 * API over HTTP ({@link io.raftlens.raft.network.ControlServer}, whose JSON is {@link io.raftlens.raft.network.ControlJson}
 * and the only place refusals become HTTP status codes), the terminal table and the benchmark drivers
 * ({@link io.raftlens.raft.network.NetworkBench}; {@link io.raftlens.raft.network.GrpcBench}, a Fabric client over gRPC
 * with envelopes signed beforehand), each node's side of Fabric's channel participation API
 * ({@link io.raftlens.raft.network.NodeParticipation}: channels joined and removed at run time, followers
 * {@link io.raftlens.raft.network.FollowerChannel}, which a {@code raftlens node} feeds from the other orderers'
 * Deliver, {@link io.raftlens.raft.network.DeliverBlockSource}) and one node on its own with all its endpoints
 * ({@link io.raftlens.raft.network.StandaloneNode}, what {@code raftlens node} runs). The leader's side of a
 * transaction a follower forwarded over the cluster is in {@link io.raftlens.raft.network.OrdererServices}.
 *
 * <p>Ids: the model, the events and the table speak {@link io.raftlens.raft.ids.NodeId}s; a chain's Raft ids
 * ({@link io.raftlens.raft.ids.RaftId}) are turned into node ids only through {@code OrderingNode.nodeId}/{@code raftId}.
 * The {@link io.raftlens.raft.network.NetworkControl} operations take node ids as the control API's plain numbers.
 *
 * <p>Threads: the event dispatcher ({@code raftlens-events}) delivers events in order; control requests run on the
 * HTTP pool; node lifecycle requests are serialized per node. May depend on: {@code ids}, {@code node}, {@code orderer},
 * {@code transport}, {@code metrics}, {@code configtxgen}, {@code fabric} (msp, msgprocessor: the bench's client
 * signing; participation: the admin endpoint) and config-schema; nothing in raft-runtime depends on it.
 */
package io.raftlens.raft.network;
