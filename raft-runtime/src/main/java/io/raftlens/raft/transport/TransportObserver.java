package io.raftlens.raft.transport;

/**
 * Transport events for metrics and logs. Called on the sending thread or on an event loop: must be cheap and
 * thread-safe.
 */
public interface TransportObserver {
    TransportObserver NONE = new TransportObserver() {};

    /** An observer that forwards every event to each of {@code observers} in turn (e.g. metrics and events). */
    static TransportObserver all(TransportObserver... observers) {
        TransportObserver[] targets = observers.clone();
        return new TransportObserver() {
            @Override
            public void messageSent(String host, String channel, long queuedNanos) {
                for (TransportObserver o : targets) {
                    o.messageSent(host, channel, queuedNanos);
                }
            }

            @Override
            public void messageDropped(String host, String channel, DropReason reason) {
                for (TransportObserver o : targets) {
                    o.messageDropped(host, channel, reason);
                }
            }

            @Override
            public void inboundDropped(long from, String channel, DropReason reason) {
                for (TransportObserver o : targets) {
                    o.inboundDropped(from, channel, reason);
                }
            }

            @Override
            public void peerRefused(String remoteAddress, String certificateSubject, String channel, String reason) {
                for (TransportObserver o : targets) {
                    o.peerRefused(remoteAddress, certificateSubject, channel, reason);
                }
            }
        };
    }

    /** A message left the egress queue for the wire, {@code queuedNanos} after it was queued. */
    default void messageSent(String host, String channel, long queuedNanos) {}

    default void messageDropped(String host, String channel, DropReason reason) {}

    /** An inbound Raft message was discarded before delivery (an injected fault cuts the link). */
    default void inboundDropped(long from, String channel, DropReason reason) {}

    /** An inbound connection or frame was refused: unknown certificate, not a consenter of the channel, etc. */
    default void peerRefused(String remoteAddress, String certificateSubject, String channel, String reason) {}
}
