package io.raftlens.raft.transport;

import java.util.List;

/**
 * A point-in-time view of the transport, read by metrics at scrape time.
 *
 * @param queues                egress queues, one per (peer, channel) that has carried traffic
 * @param ingressStreams        authenticated inbound links
 * @param egressTlsConnections  outbound links with a completed TLS handshake
 * @param refusedPeers          inbound connections and frames refused since start
 */
public record TransportStats(List<QueueStat> queues, int ingressStreams, int egressTlsConnections, long refusedPeers) {
    /**
     * @param host      the peer's {@code host:port}
     * @param connected whether the link to that peer is authenticated and open
     * @param msgType   Fabric's {@code msg_type}: {@code consensus} (Raft messages) or {@code transaction}
     *                  (transactions forwarded to the leader)
     */
    public record QueueStat(String host, String channel, int length, int capacity, boolean connected, String msgType) {
        public QueueStat(String host, String channel, int length, int capacity, boolean connected) {
            this(host, channel, length, capacity, connected, "consensus");
        }
    }
}
