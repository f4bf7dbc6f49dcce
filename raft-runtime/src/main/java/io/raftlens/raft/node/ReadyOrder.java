package io.raftlens.raft.node;

import java.util.Locale;

/**
 * How a chain's Raft loop handles Readys.
 *
 * <ul>
 *   <li>{@link #FABRIC} (default): Fabric's {@code node.go} order, one Ready at a time: persist (WAL + fsync),
 *       apply, Advance, then send every message. Nothing leaves the node before its own write.</li>
 *   <li>{@link #PIPELINED}: etcd's asynchronous storage writes, RaftLens' former default: up to eight Readys in
 *       flight; messages that do not vouch for this node's durability (appends, heartbeats, vote requests) go
 *       out when the Ready is taken, append acknowledgements and votes only once it is durable.</li>
 * </ul>
 * Chosen per JVM with {@code -Draftlens.readyOrder=fabric|pipelined} (for benchmarks; see docs/benchmarks.md).
 */
public enum ReadyOrder {
    FABRIC, PIPELINED;

    public static final String PROPERTY = "raftlens.readyOrder";

    /** The order named by {@value #PROPERTY}, else {@link #FABRIC}. */
    public static ReadyOrder fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return FABRIC;
        }
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not a Ready order; use fabric or pipelined");
        }
    }
}
