/**
 * configtxgen in Java: the channel configuration ({@code common.ConfigGroup}) and genesis block that Fabric's
 * {@code internal/configtxgen/encoder} builds from a configtx.yaml profile, the MSP folders read as
 * {@code msp.GetVerifyingMspConfig} reads them, signature policies parsed as {@code common/policydsl} parses them,
 * and the JSON view of a block. Depends on config-schema's typed configtx model, fabric-protos and the orderer
 * package's block helpers; nothing here opens a socket.
 */
package io.raftlens.raft.configtxgen;
