/**
 * A typed view of a Fabric channel config ({@code common.Config}) read from a config block or CONFIG envelope
 * (Fabric's {@code common/channelconfig}): capabilities, the MSPs of the orderer, application and consortium
 * organizations, the policy manager, the orderer's BatchSize and consensus type. Depends on {@code fabric.msp},
 * {@code fabric.policy} and fabric-protos.
 */
package io.raftlens.raft.fabric.config;
