/**
 * Following orderers RaftLens did not launch through what Fabric exposes: the operations endpoint
 * ({@code /metrics} in Prometheus text with Fabric's metric names, {@code /healthz}) and the channel
 * participation API ({@code /participation/v1/channels}). {@link io.raftlens.raft.attach.Exposition} parses
 * the text format, {@link io.raftlens.raft.attach.OperationsClient} polls (HTTP or TLS with client
 * certificates), {@link io.raftlens.raft.attach.OrdererStatus} is one orderer's state and
 * {@link io.raftlens.raft.attach.StatusChanges} the event lines between two polls.
 *
 * <p>Depends on the JDK ({@code java.net.http}) and the PEM reader of the transport package.
 */
package io.raftlens.raft.attach;
