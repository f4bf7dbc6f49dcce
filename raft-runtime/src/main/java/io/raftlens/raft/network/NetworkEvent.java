package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import java.util.List;

/**
 * One thing that happened on the network, as {@link LocalNetwork} publishes it on {@link NetworkEvents}. Each kind
 * is a record; consumers switch on the type. {@link ControlJson#event} turns an event into the control API's JSON
 * (its {@link #type()} is the SSE event name and the JSON's {@code "type"}). Node ids are {@link NodeId}s (the launch's 1-based
 * consenter positions), never a channel's Raft ids.
 */
public sealed interface NetworkEvent {

    /** The kind: state, leader, election, membership, block, node or partition. */
    String type();

    /** When it was published, in milliseconds since the epoch. */
    long timeMillis();

    /** A node's role, term or known leader on a channel changed ({@code leader} 0: none known). */
    record StateChanged(long timeMillis, String channel, NodeId node, NodeRole role, long term, NodeId leader)
            implements NetworkEvent {
        public String type() {
            return "state";
        }
    }

    /** The leader a node follows on a channel changed from {@code from} to {@code to} ({@link NodeId#NONE}: none). */
    record LeaderChanged(long timeMillis, String channel, NodeId node, NodeId from, NodeId to, long term) implements NetworkEvent {
        public String type() {
            return "leader";
        }
    }

    /** A node won an election: how long it took from its first pre-vote and how the votes went. */
    record ElectionWon(long timeMillis, String channel, NodeId node, long term, long durationMillis, int preVotes, int votes,
                       int rejections) implements NetworkEvent {
        public String type() {
            return "election";
        }
    }

    /** A node applied a consenter change written in config block {@code block}: {@code changed} was added or removed. */
    record MembershipChanged(long timeMillis, String channel, NodeId node, long block, boolean added, NodeId changed,
                             List<NodeId> consenters) implements NetworkEvent {
        public MembershipChanged {
            consenters = List.copyOf(consenters);
        }

        public String type() {
            return "membership";
        }
    }

    /** A node committed block {@code number} of a channel to its ledger. */
    record BlockCommitted(long timeMillis, String channel, NodeId node, long number, int transactions) implements NetworkEvent {
        public String type() {
            return "block";
        }
    }

    /**
     * A node's process-level state changed. {@code channel} is set for {@link Lifecycle#JOINED} and
     * {@link Lifecycle#EVICTED} (a node catching up with a consenter change it missed, or joining a channel through the
     * channel participation API) and {@link Lifecycle#LEFT} (removed from a channel through that API), null otherwise.
     */
    record NodeLifecycle(long timeMillis, NodeId node, String name, Lifecycle state, String channel) implements NetworkEvent {
        public String type() {
            return "node";
        }

        /** "started", "stopped", "killed", "isolated", "healed", "joined CH" or "evicted from CH". */
        public String stateLabel() {
            return switch (state) {
                case JOINED -> "joined " + channel;
                case EVICTED -> "evicted from " + channel;
                case LEFT -> "left " + channel;
                default -> state.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    /** What happened to a node as a whole. */
    enum Lifecycle { STARTED, STOPPED, KILLED, ISOLATED, HEALED, JOINED, EVICTED, LEFT }

    /** The network was split into {@code groups} of node ids that reach only each other; empty: healed. */
    record PartitionChanged(long timeMillis, List<List<NodeId>> groups) implements NetworkEvent {
        public PartitionChanged {
            groups = groups.stream().map(List::copyOf).toList();
        }

        public String type() {
            return "partition";
        }
    }
}
