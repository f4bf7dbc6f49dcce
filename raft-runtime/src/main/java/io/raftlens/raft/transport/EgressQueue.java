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
    /**
     * Forwarded transactions whose sender waits for room in the queue: Fabric's follower blocks on a full Submit
     * stream buffer (only consensus messages are dropped on overflow), bounded by its RPCTimeout.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Outgoing> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger waitingCount = new java.util.concurrent.atomic.AtomicInteger();
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

    /**
     * Queues a forwarded transaction; when the queue is full its sender waits (as Fabric's does) until the queue has
     * room or {@code sent} is completed by the sender's timeout, whichever comes first.
     */
    void offerSubmit(ByteString submit, CompletableFuture<Void> sent) {
        Outgoing out = new Outgoing(null, submit, sent, System.nanoTime());
        if (waitingCount.get() > 0 || !queue.offer(out)) {
            waiting.add(out);
            waitingCount.incrementAndGet();
        }
    }

    /** The next message to write; a forwarded transaction whose sender gave up waiting is passed to {@code expired}. */
    Outgoing poll(java.util.function.Consumer<Outgoing> expired) {
        for (;;) {
            Outgoing out = queue.poll();
            if (out == null) {
                out = waiting.poll();
                if (out != null) {
                    waitingCount.decrementAndGet();
                }
            }
            // room freed: the longest-waiting senders move up (one consumer, the link's event loop, polls)
            for (Outgoing w = waiting.peek(); w != null && queue.remainingCapacity() > 0; w = waiting.peek()) {
                if (waiting.remove(w)) {
                    waitingCount.decrementAndGet();
                    queue.offer(w);
                }
            }
            if (out == null || out.sent() == null || !out.sent().isDone()) {
                return out;
            }
            expired.accept(out);
        }
    }

    Outgoing poll() {
        Outgoing out = queue.poll();
        if (out == null) {
            out = waiting.poll();
            if (out != null) {
                waitingCount.decrementAndGet();
            }
        }
        return out;
    }

    /** Messages queued, and for forwarded transactions also those waiting for room. */
    int length() {
        return queue.size() + waitingCount.get();
    }

    int capacity() {
        return capacity;
    }
}
