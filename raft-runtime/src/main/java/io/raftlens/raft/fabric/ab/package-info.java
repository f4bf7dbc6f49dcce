/**
 * Fabric's {@code orderer.AtomicBroadcast} gRPC service ({@code orderer/common/broadcast},
 * {@code common/deliver}) over grpc-java: Broadcast admits each envelope with
 * {@link io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission} and hands it to the channel's consenter, answering
 * in order with Fabric's statuses; Deliver serves SeekInfo requests (oldest, newest, specified, next commit; block
 * until ready or FAIL_IF_NOT_READY; BLOCK or HEADER_WITH_SIG) after the channel's /Channel/Readers policy and the
 * identity's expiration, streaming blocks as they are written. The runtime plugs in through
 * {@link io.raftlens.raft.fabric.ab.OrdererChannel}; this package depends on grpc-java, the {@code fabric.*}
 * packages and fabric-protos, never on the Raft runtime.
 */
package io.raftlens.raft.fabric.ab;
