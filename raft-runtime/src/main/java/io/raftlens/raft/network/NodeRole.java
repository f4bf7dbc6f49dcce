package io.raftlens.raft.network;

import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.node.ChainStatus;

/**
 * A node's role on one channel as the network reports it: a Raft role, {@link #EVICTED} once a config update removed
 * the node from the channel's consenters, {@link #MEMBER} for a node that follows the channel without being one of
 * its consenters, or {@link #STOPPED} for a node that is not running. The one vocabulary of
 * the control API, the event stream, the terminal table and the editor; {@link #label()} is what they print.
 */
public enum NodeRole {
    LEADER(StateRole.LEADER.label()),
    FOLLOWER(StateRole.FOLLOWER.label()),
    CANDIDATE(StateRole.CANDIDATE.label()),
    PRE_CANDIDATE(StateRole.PRE_CANDIDATE.label()),
    EVICTED(ChainStatus.EVICTED),
    /** The channel's chain stopped after a chain failure on this node (Fabric panics); it answers SERVICE_UNAVAILABLE. */
    HALTED(ChainStatus.HALTED),
    /**
     * Follows the channel without being one of its consenters (Fabric's consensusRelation "follower", joined through
     * the channel participation API): it pulls the channel's blocks and takes no part in Raft.
     */
    MEMBER("member"),
    STOPPED("stopped");

    private final String label;

    NodeRole(String label) {
        this.label = label;
    }

    /** "leader", "follower", "candidate", "pre-candidate", "evicted", "halted", "member" or "stopped". */
    public String label() {
        return label;
    }

    /** The role a chain reports ({@link ChainStatus#role()} is a label). */
    public static NodeRole of(ChainStatus status) {
        return ofLabel(status.role());
    }

    /** The role with this label; unknown labels are a bug in the chain and fail loudly. */
    public static NodeRole ofLabel(String label) {
        for (NodeRole r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role " + label + " (expected one of "
                + java.util.Arrays.stream(values()).map(NodeRole::label).toList() + ")");
    }

    public boolean isLeader() {
        return this == LEADER;
    }

    /** The label, so that a role prints as users read it. */
    @Override
    public String toString() {
        return label;
    }
}
