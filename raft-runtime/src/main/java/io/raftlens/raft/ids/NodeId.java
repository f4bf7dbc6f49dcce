package io.raftlens.raft.ids;

/**
 * The launch's id of an ordering node: its 1-based position among the profile's consenters, the same on every
 * channel and for the node's whole life ({@code POST /v1/nodes/N/stop}, {@code "node": N} in events). 0 is
 * {@link #NONE} (no node, e.g. no leader known). Its text is the bare number, as messages and JSON show it.
 */
public record NodeId(long value) implements Comparable<NodeId> {

    public static final NodeId NONE = new NodeId(0);

    public NodeId {
        if (value < 0) {
            throw new IllegalArgumentException("a node id is 1 or more (0: none), not " + value);
        }
    }

    public static NodeId of(long value) {
        return value == 0 ? NONE : new NodeId(value);
    }

    public boolean isNone() {
        return value == 0;
    }

    @Override
    public int compareTo(NodeId o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
