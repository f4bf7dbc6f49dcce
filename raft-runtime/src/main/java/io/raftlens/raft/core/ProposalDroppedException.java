package io.raftlens.raft.core;

/** A proposal (or conf change) was not appended to the log; {@link #reason()} says why. */
public final class ProposalDroppedException extends RaftException {
    public enum Reason { NO_LEADER, NOT_LEADER, LEADER_TRANSFER_IN_PROGRESS, CONF_CHANGE_PENDING, NOT_MEMBER, TOO_LARGE }

    private final Reason reason;
    private final long leader;

    ProposalDroppedException(Reason reason, long leader, String message) {
        super(message);
        this.reason = reason;
        this.leader = leader;
    }

    static ProposalDroppedException noLeader() {
        return new ProposalDroppedException(Reason.NO_LEADER, 0, "no leader");
    }

    static ProposalDroppedException notLeader(long leader) {
        return new ProposalDroppedException(Reason.NOT_LEADER, leader,
                "not leader, leader is " + Long.toUnsignedString(leader));
    }

    static ProposalDroppedException transferInProgress(long leader, long transferee) {
        return new ProposalDroppedException(Reason.LEADER_TRANSFER_IN_PROGRESS, leader,
                "leadership transfer to " + Long.toUnsignedString(transferee) + " in progress");
    }

    static ProposalDroppedException confChangePending(long leader, long pendingIndex, long applied) {
        return new ProposalDroppedException(Reason.CONF_CHANGE_PENDING, leader,
                "a configuration change is pending at index " + pendingIndex + " (applied up to " + applied
                        + "); change one consenter at a time and wait until the previous change is applied");
    }

    static ProposalDroppedException notMember(long id) {
        return new ProposalDroppedException(Reason.NOT_MEMBER, 0,
                "node " + Long.toUnsignedString(id) + " is not a member of the cluster");
    }

    static ProposalDroppedException tooLarge(long leader, long limit) {
        return new ProposalDroppedException(Reason.TOO_LARGE, leader,
                "proposal would exceed the uncommitted entry size limit of " + limit + " bytes");
    }

    public Reason reason() {
        return reason;
    }

    /** The known leader id, or 0 when none is known. */
    public long leader() {
        return leader;
    }
}
