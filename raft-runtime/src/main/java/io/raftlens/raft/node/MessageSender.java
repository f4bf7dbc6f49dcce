package io.raftlens.raft.node;

import io.raftlens.raft.core.pb.Message;

/** Outbound side of the cluster transport as the driver sees it: never blocks (full queues drop). */
@FunctionalInterface
public interface MessageSender {
    /** @return false when the message was dropped (no link, full queue, injected fault) */
    boolean send(String channel, Message message);
}
