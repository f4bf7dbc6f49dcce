/**
 * Where a broadcast enters a channel: the checks Fabric's broadcast handler and message processor make
 * before an envelope reaches the consenter ({@code orderer/common/broadcast/broadcast.go},
 * {@code multichannel/registrar.go BroadcastChannelSupport}, {@code msgprocessor/standardchannel.go ClassifyMsg}),
 * with Fabric's messages and status codes.
 *
 * <p>{@link io.raftlens.raft.orderer.admission.EnvelopeAdmission} is the one extension point: the chain asks it
 * about every envelope before ordering, and the Fabric protocol layer (signature and policy checks, config
 * updates) plugs in by wrapping {@link io.raftlens.raft.orderer.admission.StandardChannelAdmission}.
 *
 * <p>May depend on: the JDK, protobuf and the Fabric protos. Nothing here keeps state, threads or I/O.
 */
package io.raftlens.raft.orderer.admission;
