package io.raftlens.raft.transport;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Injected network faults as seen from one node: which peers' links are cut. Connections stay open; messages on a
 * cut link are dropped in both directions (at send and at receive), so a heal takes effect at once, without
 * reconnect delays, and the same call on any one node of a link cuts it completely.
 */
final class FaultFilter {
    /**
     * @param cutAll  this node is isolated from everyone
     * @param cut     peers cut off one by one
     * @param allowed under a partition, the peers of this node's group (null when not partitioned)
     */
    private record State(boolean cutAll, Set<Long> cut, Set<Long> allowed) {}

    private static final State HEALED = new State(false, Set.of(), null);

    private final long self;
    private volatile State state = HEALED;

    FaultFilter(long self) {
        this.self = self;
    }

    boolean blocks(long peer) {
        State s = state;
        if (s == HEALED) {
            return false;
        }
        return s.cutAll || s.cut.contains(peer) || (s.allowed != null && !s.allowed.contains(peer));
    }

    /** Cuts {@code node} off: every link when it is this node, else the link to it. */
    synchronized void isolate(long node) {
        if (node == self) {
            state = new State(true, state.cut, state.allowed);
        } else {
            Set<Long> cut = new HashSet<>(state.cut);
            cut.add(node);
            state = new State(state.cutAll, Set.copyOf(cut), state.allowed);
        }
    }

    /** Keeps only the links to this node's group (peers added later included); a node in no group is isolated. */
    synchronized void partition(Collection<? extends Collection<Long>> groups) {
        Set<Long> mine = null;
        for (Collection<Long> group : groups) {
            if (group.contains(self)) {
                if (mine != null) {
                    throw new IllegalArgumentException("node " + self + " appears in two partition groups: " + groups);
                }
                mine = Set.copyOf(group);
            }
        }
        state = mine == null ? new State(true, Set.of(), null) : new State(false, Set.of(), mine);
    }

    synchronized void heal() {
        state = HEALED;
    }
}
