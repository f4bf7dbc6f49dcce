package io.raftlens.raft.logs;

/**
 * One thing an orderer said about elections, in typed form.
 *
 * @param kind    what happened
 * @param time    epoch ms, or {@link DecodedLine#NO_TIME}
 * @param seq     the event's position in the input (orders events when lines carry no time)
 * @param channel the channel ({@code "-"} when the line names none, as in etcd's own logs)
 * @param node    the node that logged it (decimal Raft id for Fabric; etcd's hex member id otherwise)
 * @param peer    the other node concerned (candidate, voter, new leader, transferee…), or {@code null}
 * @param term    the term the line states, or -1
 * @param value   a second number: old leader, vote count, block number…, or -1
 * @param type    the Raft message type or role named in the line ({@code MsgPreVote}, {@code leader}…), or {@code null}
 * @param detail  the rest worth keeping (a reason, an error), or {@code null}
 */
public record LogEvent(Kind kind, long time, long seq, String channel, String node, String peer, long term, long value,
                       String type, String detail) {

    /** What a line said. */
    public enum Kind {
        /** {@code %x is starting a new election at term %d}. */
        ELECTION_STARTED,
        /** {@code %x became follower|pre-candidate|candidate|leader at term %d}; {@code type} is the role. */
        ROLE,
        /** {@code %x received MsgPreVoteResp|MsgVoteResp [rejection] from %x at term %d}: a candidate counting a reply. */
        REPLY_GRANTED,
        REPLY_REJECTED,
        /** {@code %x [quorum:%d] has received %d %s votes and %d vote rejections}: value = granted, detail = rejected. */
        TALLY,
        /** {@code %x [...] cast MsgPreVote|MsgVote for %x [...] at term %d}: a voter granting. */
        VOTE_CAST,
        /** {@code %x [...] rejected MsgPreVote|MsgVote from %x [...] at term %d}: a voter refusing. */
        VOTE_REJECTED,
        /** {@code ... ignored MsgPreVote|MsgVote from %x ... lease is not expired (remaining ticks: %d)}. */
        VOTE_IGNORED,
        /** {@code %x [term: %d] received a %s message with higher term from %x [term: %d]}. */
        HIGHER_TERM,
        /** {@code raft.node: %x elected leader %x at term %d} (value = 0) or {@code changed leader from %x to %x} (value = old). */
        LEADER_CHANGED,
        /** {@code raft.node: %x lost leader %x at term %d}. */
        LEADER_LOST,
        /** Fabric's {@code Raft leader changed: %d -> %d} (decimal ids); value = old leader. */
        FABRIC_LEADER_CHANGED,
        /** {@code %x [term %d] starts to transfer leadership to %x} / Fabric {@code Transferring leadership to %d}. */
        TRANSFER_STARTED,
        /** {@code %x [term %d] received MsgTimeoutNow from %x and starts an election to get leadership.} */
        TIMEOUT_NOW,
        /** Fabric {@code Leader has been transferred from %d to %d}. */
        TRANSFER_DONE,
        /** {@code %x stepped down to follower since quorum is not active} / Fabric {@code No leader is present}. */
        QUORUM_LOST,
        /** Fabric eviction lines (suspected, detected, removed from replica set). */
        EVICTION,
        /** Fabric {@code Failed to send StepRequest to %d, because: %s}. */
        SEND_FAILED
    }
}
