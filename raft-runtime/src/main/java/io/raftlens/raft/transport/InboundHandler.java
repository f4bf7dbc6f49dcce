package io.raftlens.raft.transport;

import io.raftlens.raft.core.pb.Message;

/**
 * Receives Raft messages from authenticated consenters. Called on Netty event loop threads — concurrently for
 * different peers, in order for one peer — so implementations must be thread-safe, cheap and never block (the node
 * driver enqueues the message for its Raft loop).
 */
@FunctionalInterface
public interface InboundHandler {
    /**
     * @param channel the Fabric channel (one Raft group per channel)
     * @param from    the sender's node id, established by its client certificate, not by the message
     */
    void onMessage(String channel, long from, Message message);

    /**
     * A transaction consenter {@code from} forwarded to this node (Fabric's cluster Submit; {@code request.channel}
     * may be empty, {@code channel} is the frame's). Same threading rules as {@link #onMessage}. Dropped unless
     * implemented.
     */
    default void onSubmit(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
    }
}
