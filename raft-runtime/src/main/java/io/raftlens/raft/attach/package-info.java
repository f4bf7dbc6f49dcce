/**
 * Following orderers RaftLens did not launch through what Fabric exposes: the operations endpoint
 * ({@code /metrics} in Prometheus text with Fabric's metric names, {@code /healthz}) and the channel
 * participation API ({@code /participation/v1/channels}). {@link io.raftlens.raft.attach.Exposition} parses
 * the text format, {@link io.raftlens.raft.attach.OperationsClient} polls (HTTP or TLS with client
 * certificates), {@link io.raftlens.raft.attach.OrdererStatus} is one orderer's state and
 * {@link io.raftlens.raft.attach.StatusChanges} the event lines between two polls.
 * {@link io.raftlens.raft.attach.ParticipationStatus} is one orderer's channel participation API answer (its channels,
 * consensus relation, status and height).
 * {@link io.raftlens.raft.attach.EndpointMapping} says which endpoint stands for which consenter (explicit entries,
 * a consenter's own orderer.yaml, the orderer.yaml beside the configtx.yaml) and
 * {@link io.raftlens.raft.attach.AttachedSnapshot} turns a poll into the {@code NetworkSnapshot} the live views draw.
 *
 * <p>Depends on the JDK ({@code java.net.http}), the PEM reader of the transport package, config-schema's orderer.yaml
 * model, the {@code network} package's snapshot types and the participation package's value types
 * ({@code ChannelInfo}, {@code ConsensusRelation}, {@code ChannelStatus}) and Jackson to read them (never the other way round).
 */
package io.raftlens.raft.attach;
