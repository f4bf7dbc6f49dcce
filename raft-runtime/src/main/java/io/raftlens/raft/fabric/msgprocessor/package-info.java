/**
 * Fabric's broadcast admission ({@code orderer/common/broadcast}, {@code orderer/common/msgprocessor},
 * {@code multichannel.Registrar.BroadcastChannelSupport}): envelope and header parsing, the channel, the header
 * type's classification, then the standard channel's rules — empty payload, AbsoluteMaxBytes, identity expiration,
 * the signature filter against /Channel/Writers — each answered with Fabric's status and message; and the config
 * path ({@link io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor}: a CONFIG_UPDATE validated with
 * {@code fabric.configtx} and turned into a CONFIG envelope signed by the orderer, processed again when the config
 * sequence has moved). Stateless apart
 * from the channel config it reads, so any number of broadcast streams run it in parallel (as Fabric runs one
 * goroutine per stream); the MSP caches what Fabric's caches. Depends on {@code fabric.configtx}, {@code fabric.config},
 * {@code fabric.policy}, {@code fabric.msp} and fabric-protos.
 */
package io.raftlens.raft.fabric.msgprocessor;
