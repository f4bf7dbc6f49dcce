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
    /** @param cutAll this node is isolated from everyone; @param cut individual peers cut off */
    private record State(boolean cutAll, Set<Long> cut) {}

    private static final State HEALED = new State(false, Set.of());

    private final long self;
    private volatile State state = HEALED;

    FaultFilter(long self) {
        this.self = self;
    }

    boolean blocks(long peer) {
        State s = state;
        return s.cutAll || (!s.cut.isEmpty() && s.cut.contains(peer));
    }

    /** Cuts {@code node} off: every link when it is this node, else the link to it. */
    synchronized void isolate(long node) {
        if (node == self) {
            state = new State(true, state.cut);
        } else {
            Set<Long> cut = new HashSet<>(state.cut);
            cut.add(node);
            state = new State(state.cutAll, Set.copyOf(cut));
        }
    }

    /**
     * Keeps only the links inside this node's group. A node in no group is isolated; {@code others} are the peers
     * this node knows, so that peers outside every group are cut too.
     */
    synchronized void partition(Collection<? extends Collection<Long>> groups, Collection<Long> others) {
        Set<Long> mine = null;
        for (Collection<Long> group : groups) {
            if (group.contains(self)) {
                if (mine != null) {
                    throw new IllegalArgumentException("node " + self + " appears in two partition groups: " + groups);
                }
                mine = new HashSet<>(group);
            }
        }
        if (mine == null) {
            state = new State(true, Set.of());
            return;
        }
        Set<Long> cut = new HashSet<>();
        for (Collection<Long> group : groups) {
            for (Long id : group) {
                if (!mine.contains(id)) {
                    cut.add(id);
                }
            }
        }
        for (Long id : others) {
            if (!mine.contains(id)) {
                cut.add(id);
            }
        }
        state = new State(false, Set.copyOf(cut));
    }

    synchronized void heal() {
        state = HEALED;
    }
}
