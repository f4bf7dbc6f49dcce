package io.raftlens.raft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import org.junit.jupiter.api.Test;

class ElectionTallyTest {
    private final ElectionTally tally = new ElectionTally();

    private static Message resp(MessageType type, long from, boolean reject) {
        return Message.newBuilder().setType(type).setFrom(from).setReject(reject).build();
    }

    @Test
    void countsEachPeerOnceAndTheCandidateItself() {
        assertNull(tally.roleChanged(StateRole.PRE_CANDIDATE));
        tally.response(resp(MessageType.MsgPreVoteResp, 2, false));
        tally.response(resp(MessageType.MsgPreVoteResp, 2, false)); // a duplicate of a later round
        tally.response(resp(MessageType.MsgPreVoteResp, 4, false));
        tally.response(resp(MessageType.MsgPreVoteResp, 5, true));
        assertNull(tally.roleChanged(StateRole.CANDIDATE));
        tally.response(resp(MessageType.MsgVoteResp, 2, false));
        tally.response(resp(MessageType.MsgVoteResp, 3, false));

        ElectionTally.Won won = tally.roleChanged(StateRole.LEADER);
        assertEquals(3, won.preVotes());
        assertEquals(3, won.votes());
        assertEquals(1, won.rejections());
        assertNull(tally.roleChanged(StateRole.LEADER), "one election, one result");
    }

    @Test
    void aSingleVoterOnEtcd35IsLeaderAtOnceAndWonWithItsOwnVotes() {
        ElectionTally.Won won = tally.roleChanged(StateRole.LEADER);
        assertEquals(1, won.preVotes());
        assertEquals(1, won.votes());
        assertEquals(0, won.rejections());
        assertNull(tally.roleChanged(StateRole.LEADER), "one election, one result");
    }

    @Test
    void anElectionLostToAnotherLeaderStartsTheNextTallyAfresh() {
        tally.roleChanged(StateRole.PRE_CANDIDATE);
        tally.response(resp(MessageType.MsgPreVoteResp, 2, true));
        tally.roleChanged(StateRole.FOLLOWER);
        tally.roleChanged(StateRole.PRE_CANDIDATE);
        tally.response(resp(MessageType.MsgPreVoteResp, 3, false));
        tally.roleChanged(StateRole.CANDIDATE);
        ElectionTally.Won won = tally.roleChanged(StateRole.LEADER);
        assertEquals(0, won.rejections());
        assertEquals(2, won.preVotes());
        assertEquals(1, won.votes());
    }
}
