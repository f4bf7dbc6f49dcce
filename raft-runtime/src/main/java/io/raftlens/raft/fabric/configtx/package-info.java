/**
 * Fabric's config-update validation ({@code common/configtx}, hyperledger/fabric commit 0c423ac4): a CONFIG_UPDATE's
 * read set checked against the current config's versions, the delta set (what the write set changes), each changed
 * item's {@code mod_policy} evaluated against the update's ConfigSignatures, version increments, and the full
 * proposed config rebuilt from the config map ({@link io.raftlens.raft.fabric.configtx.ConfigtxValidator}); then the
 * value checks Fabric's {@code channelconfig} bundle and etcdraft consenter apply to the result before it may be
 * ordered ({@link io.raftlens.raft.fabric.configtx.ConfigValueChecks}): orderer section kept, consensus type and MSP
 * ids unchanged, BatchSize/BatchTimeout limits, etcdraft metadata valid (options, TLS certificates parse, no
 * duplicates) and at most one consenter change per update. Errors carry Fabric's messages.
 *
 * <p>Depends on {@code fabric.config}, {@code fabric.policy}, {@code fabric.msp}, fabric-protos and protobuf only,
 * never on the Raft runtime (the chain adds what needs the live cluster: the quorum-loss check).
 */
package io.raftlens.raft.fabric.configtx;
