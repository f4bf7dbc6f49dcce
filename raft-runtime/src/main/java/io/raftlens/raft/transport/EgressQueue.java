package io.raftlens.raft.transport;

import io.raftlens.raft.core.pb.Message;
import java.util.concurrent.ArrayBlockingQueue;

/** One bounded egress queue per (peer, channel), as Fabric keeps one per channel stream; offer never blocks. */
final class EgressQueue {
    record Outgoing(Message message, long queuedAtNanos) {}

    final String channel;
    private final ArrayBlockingQueue<Outgoing> queue;
    private final int capacity;

    EgressQueue(String channel, int capacity) {
        this.channel = channel;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean offer(Message message) {
        return queue.offer(new Outgoing(message, System.nanoTime()));
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
