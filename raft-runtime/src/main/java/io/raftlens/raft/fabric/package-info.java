/**
 * Fabric's orderer-side protocols, ported from Fabric's source (hyperledger/fabric, commit 0c423ac4): the MSP
 * ({@code msp}), policy evaluation ({@code policy}), a typed view of a channel config ({@code config}), config-update
 * validation ({@code configtx}) and the standard channel's message processing ({@code msgprocessor}, with its config
 * path). These packages depend only on the JDK,
 * fabric-protos, protobuf and BouncyCastle — never on the Raft runtime — so the chain, the gRPC services and the
 * ledger tools can all use them. The channel participation API ({@code participation}) also uses the JDK HTTP
 * server helpers ({@code http}), block hashing ({@code orderer.Blocks}) and {@code transport.TlsMaterial}, still
 * nothing of the Raft node: the orderer plugs in through its {@code ChannelManagement}.
 */
package io.raftlens.raft.fabric;
