package io.raftlens.raft.transport;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Message;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * One bounded egress queue per (peer, channel, message type), as Fabric keeps one per channel stream and operation
 * (consensus, or forwarded transactions); offer never blocks.
 */
final class EgressQueue {
    /** Fabric's {@code msg_type} label of Raft messages. */
    static final String CONSENSUS = "consensus";
    /** Fabric's {@code msg_type} label of forwarded transactions (SubmitRequests). */
    static final String TRANSACTION = "transaction";

    /**
     * A Raft message, or a serialized SubmitRequest with the future completed once it is written to the connection
     * (Fabric's SendWithReport).
     */
    record Outgoing(Message message, ByteString submit, CompletableFuture<Void> sent, long queuedAtNanos) {}

    final String channel;
    final String msgType;
    private final ArrayBlockingQueue<Outgoing> queue;
    private final int capacity;

    EgressQueue(String channel, int capacity) {
        this(channel, CONSENSUS, capacity);
    }

    EgressQueue(String channel, String msgType, int capacity) {
        this.channel = channel;
        this.msgType = msgType;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean offer(Message message) {
        return queue.offer(new Outgoing(message, null, null, System.nanoTime()));
    }

    boolean offerSubmit(ByteString submit, CompletableFuture<Void> sent) {
        return queue.offer(new Outgoing(null, submit, sent, System.nanoTime()));
    }

    Outgoing poll() {
        return queue.poll();
    }

    int length() {
        return queue.size();
    }

    int capacity() {
        return capacity;
    }
}
