package io.raftlens.raft.node;

import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;

import java.util.HashSet;
import java.util.Set;

/**
 * One chain's election statistics for the event stream: when this node's election started and which peers granted
 * its pre-votes and votes or rejected them. Peers are counted once: a pre-candidate may run several rounds and
 * receive late or duplicated responses.
 */
final class ElectionTally {

    /** A won election: its duration and counts, the candidate's own (pre-)vote included as etcd counts it. */
    record Won(long millis, int preVotes, int votes, int rejections) {
    }

    private long startNanos;
    private final Set<Long> preVoters = new HashSet<>();
    private final Set<Long> voters = new HashSet<>();
    private final Set<Long> rejecters = new HashSet<>();

    /** The role last seen, to tell a leader that got there in one step from a repeated report. */
    private StateRole last = StateRole.FOLLOWER;

    /** The node's role changed; returns the tally when this change won the election it started. */
    Won roleChanged(StateRole role) {
        StateRole before = last;
        last = role;
        if (role == StateRole.LEADER && startNanos == 0 && before != StateRole.LEADER) {
            // etcd raft 3.5 (Fabric 2.5): a single voter polls its own (pre-)vote inside campaign and is leader
            // before any Ready shows it as a (pre-)candidate; it won with its own votes alone.
            return new Won(0, 1, 1, 0);
        }
        if ((role == StateRole.PRE_CANDIDATE || role == StateRole.CANDIDATE) && startNanos == 0) {
            startNanos = System.nanoTime();
            preVoters.clear();
            voters.clear();
            rejecters.clear();
        } else if (role == StateRole.LEADER && startNanos != 0) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            startNanos = 0;
            return new Won(ms, preVoters.size() + 1, voters.size() + 1, rejecters.size());
        } else if (role == StateRole.FOLLOWER) {
            startNanos = 0;
        }
        return null;
    }

    /** An inbound pre-vote or vote response. */
    void response(Message m) {
        if (m.getReject()) {
            rejecters.add(m.getFrom());
        } else if (m.getType() == MessageType.MsgPreVoteResp) {
            preVoters.add(m.getFrom());
        } else {
            voters.add(m.getFrom());
        }
    }
}
