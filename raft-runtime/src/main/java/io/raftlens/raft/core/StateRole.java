package io.raftlens.raft.core;

/** The role of a Raft node, mirroring etcd's {@code StateType}. */
public enum StateRole {
    FOLLOWER("StateFollower", "follower"),
    CANDIDATE("StateCandidate", "candidate"),
    LEADER("StateLeader", "leader"),
    PRE_CANDIDATE("StatePreCandidate", "pre-candidate");

    private final String etcdName;
    private final String label;

    StateRole(String etcdName, String label) {
        this.etcdName = etcdName;
        this.label = label;
    }

    /** The name etcd prints for this state, e.g. {@code StatePreCandidate}. */
    public String etcdName() {
        return etcdName;
    }

    /** The short label shown to users, e.g. {@code pre-candidate}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return etcdName;
    }
}
