/**
 * Fabric's channel participation API ({@code orderer/common/channelparticipation}, hyperledger/fabric commit
 * 0c423ac4), served on an orderer's admin endpoint ({@code Admin.ListenAddress}, mutual TLS): list, info, join with a
 * config block (multipart {@code config-block}), remove, fetch a block — with Fabric's paths, JSON shapes
 * ({@code types.ChannelList}, {@code types.ChannelInfo}, {@code {"error": …}}), status codes and error messages, as
 * {@code osnadmin} uses it. The orderer plugs in through {@link io.raftlens.raft.fabric.participation.ChannelManagement}
 * (Fabric's Registrar as the handler sees it). Depends on the JDK's HTTP server, Jackson, fabric-protos,
 * {@code io.raftlens.raft.http}, {@code io.raftlens.raft.fabric.config}, {@code io.raftlens.raft.orderer} (block
 * helpers) and {@code io.raftlens.raft.transport.TlsMaterial}; never on the Raft node or the network.
 */
package io.raftlens.raft.fabric.participation;
