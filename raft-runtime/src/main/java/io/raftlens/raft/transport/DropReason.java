package io.raftlens.raft.transport;

/** Why an outgoing Raft message was not sent; Raft retransmits, so drops cost latency, not safety. */
public enum DropReason {
    /** The per-peer, per-channel egress queue (General.Cluster.SendBufferSize) was full. */
    QUEUE_FULL,
    /** No authenticated link to the peer at the moment (connecting, backing off, or refused). */
    NOT_CONNECTED,
    /** The destination is not a known peer (never added, or removed). */
    UNKNOWN_PEER,
    /** An injected fault (isolate / partition) blocks the link. */
    FAULT_INJECTED
}
