package io.raftlens.raft.core;

import static io.raftlens.raft.core.RaftIds.hex;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The Raft state machine (etcd raft.go): pure and single-threaded. Inputs are {@link #tick()} and
 * {@link #step(Message)}; outputs accumulate in {@link #msgs} and {@link #msgsAfterAppend} and in the
 * log, and are collected by {@link RawNode#ready()}.
 */
final class Raft {
    static final ByteString CAMPAIGN_TRANSFER = ByteString.copyFromUtf8("CampaignTransfer");

    private enum CampaignType { PRE_ELECTION, ELECTION, TRANSFER }

    final long id;
    final RaftLog raftLog;
    final RaftLogger logger;
    ProgressTracker trk;

    long term;
    long vote;
    long lead;
    StateRole state = StateRole.FOLLOWER;
    boolean isLearner;

    final int electionTimeout;
    final int heartbeatTimeout;
    int randomizedElectionTimeout;
    int electionElapsed;
    int heartbeatElapsed;

    final boolean checkQuorum;
    final boolean preVote;
    final boolean disableProposalForwarding;
    final boolean stepDownOnRemoval;
    /**
     * etcd raft 3.5 (Fabric 2.5 to 3.1.4) rather than 3.6: own vote and own appends counted at once instead of as
     * messages to self after persistence, and 3.5's few other visible differences (see {@link EtcdRaftVersion}).
     */
    private final boolean etcd35;
    private final long maxMsgSize;
    private final long maxUncommittedSize;
    private long uncommittedSize;
    private final RandomGenerator random;

    long leadTransferee;
    /** Index of the last conf change proposed; no new one is accepted until it is applied. */
    long pendingConfIndex;

    /** Messages to send right away. */
    final ArrayList<Message> msgs = new ArrayList<>();
    /**
     * Votes and append acknowledgements: released only after this Ready's entries and hard state are
     * durable (self-addressed ones are stepped back on {@link RawNode#advance}).
     */
    final ArrayList<Message> msgsAfterAppend = new ArrayList<>();
    /** Proposals appended since the last broadcast; MsgApps for them go out before the next input is handled. */
    private boolean broadcastPending;
    /** A pending leader self-ack (see {@link #sendSelfAck}); 0 when none. */
    private long selfAckIndex;
    private long selfAckTerm;

    Raft(RaftConfig c) {
        this.id = c.id();
        this.logger = c.logger();
        long maxApplying = c.maxSizePerMsg() == 0 ? RaftConfig.NO_LIMIT : c.maxSizePerMsg();
        this.raftLog = new RaftLog(c.storage(), logger, maxApplying, c.etcdRaftVersion());
        this.maxMsgSize = c.maxSizePerMsg();
        this.maxUncommittedSize = c.maxUncommittedEntriesSize();
        this.trk = new ProgressTracker(c.maxInflightMsgs());
        this.electionTimeout = c.electionTick();
        this.heartbeatTimeout = c.heartbeatTick();
        this.checkQuorum = c.checkQuorum();
        this.preVote = c.preVote();
        this.disableProposalForwarding = c.disableProposalForwarding();
        this.stepDownOnRemoval = c.stepDownOnRemoval();
        this.etcd35 = c.etcdRaftVersion() == EtcdRaftVersion.V3_5;
        this.random = c.random();

        InitialState init = c.storage().initialState();
        restoreConfig(init.confState());
        HardState hs = init.hardState();
        if (hs.getTerm() != 0 || hs.getVote() != 0 || hs.getCommit() != 0) {
            loadState(hs);
        }
        if (c.applied() > 0) {
            raftLog.appliedTo(c.applied(), 0);
        }
        becomeFollower(term, 0);

        StringBuilder peers = new StringBuilder();
        for (long v : trk.voters()) {
            if (peers.length() > 0) {
                peers.append(',');
            }
            peers.append(hex(v));
        }
        logger.info("newRaft", "newRaft " + hex(id) + " [peers: [" + peers + "], term: " + term + ", commit: "
                + raftLog.committed + ", applied: " + raftLog.applied + ", lastindex: " + raftLog.lastIndex()
                + ", lastterm: " + raftLog.lastTerm() + "]");
    }

    private void loadState(HardState hs) {
        if (hs.getCommit() < raftLog.committed || hs.getCommit() > raftLog.lastIndex()) {
            throw new IllegalStateException(hex(id) + " state.commit " + hs.getCommit() + " is out of range ["
                    + raftLog.committed + ", " + raftLog.lastIndex() + "]");
        }
        raftLog.committed = hs.getCommit();
        term = hs.getTerm();
        vote = hs.getVote();
    }

    // ---------------------------------------------------------------- state snapshots

    HardState hardState() {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(raftLog.committed).build();
    }

    Status status() {
        flushBroadcast();
        Map<Long, Progress> progress = new LinkedHashMap<>();
        if (state == StateRole.LEADER) {
            for (int i = 0; i < trk.size(); i++) {
                progress.put(trk.idAt(i), trk.progressAt(i).view());
            }
        }
        return new Status(id, term, vote, raftLog.committed, raftLog.applied, lead, state,
                Collections.unmodifiableMap(progress), leadTransferee);
    }

    /** etcd's {@code tracker.ProgressMap.String()} of the leader's progress ("2: StateReplicate match=11 next=12"), "" elsewhere. */
    String describeProgress() {
        flushBroadcast();
        StringBuilder b = new StringBuilder();
        if (state == StateRole.LEADER) {
            for (int i = 0; i < trk.size(); i++) {
                b.append(trk.idAt(i)).append(": ").append(trk.progressAt(i)).append('\n');
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- sending

    /** Stamps sender and term and queues the message (responses that need durability go to msgsAfterAppend). */
    private void send(Message.Builder m) {
        if (m.getFrom() == 0) {
            m.setFrom(id);
        }
        MessageType t = m.getType();
        if (t == MessageType.MsgVote || t == MessageType.MsgVoteResp || t == MessageType.MsgPreVote
                || t == MessageType.MsgPreVoteResp) {
            if (m.getTerm() == 0) {
                // All vote messages carry an explicit term (pre-votes carry the future term).
                throw new IllegalStateException("term should be set when sending " + t);
            }
        } else {
            if (m.getTerm() != 0) {
                throw new IllegalStateException("term should not be set when sending " + t + " (was " + m.getTerm() + ")");
            }
            // Proposals are forwarded as local messages, without a term.
            if (t != MessageType.MsgProp && t != MessageType.MsgReadIndex) {
                m.setTerm(term);
            }
        }
        if (t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp || t == MessageType.MsgPreVoteResp) {
            materializeSelfAck();
            msgsAfterAppend.add(m.build());
        } else {
            if (m.getTo() == id) {
                throw new IllegalStateException("message should not be self-addressed when sending " + t);
            }
            msgs.add(m.build());
        }
    }

    /**
     * Queues the leader's acknowledgement of its own entries up to {@code index}. Consecutive self-acks
     * collapse into the latest one (an ack up to n covers the earlier ones), kept as fields until another
     * durable response is queued or the messages are collected.
     */
    private void sendSelfAck(long index) {
        if (selfAckIndex != 0 && selfAckTerm != term) {
            materializeSelfAck();
        }
        selfAckIndex = index;
        selfAckTerm = term;
    }

    private void materializeSelfAck() {
        if (selfAckIndex != 0) {
            msgsAfterAppend.add(Message.newBuilder().setType(MessageType.MsgAppResp).setTo(id).setFrom(id)
                    .setTerm(selfAckTerm).setIndex(selfAckIndex).build());
            selfAckIndex = 0;
        }
    }

    /** Moves the durable responses (including a pending self-ack) out; for {@link RawNode#ready()}. */
    void takeMessagesAfterAppend(List<Message> toSend, List<Message> toSelf) {
        materializeSelfAck();
        for (int i = 0, n = msgsAfterAppend.size(); i < n; i++) {
            Message m = msgsAfterAppend.get(i);
            (m.getTo() == id ? toSelf : toSend).add(m);
        }
        msgsAfterAppend.clear();
    }

    boolean hasMessagesAfterAppend() {
        return selfAckIndex != 0 || !msgsAfterAppend.isEmpty();
    }

    private static Message.Builder msg(long to, MessageType type) {
        return Message.newBuilder().setTo(to).setType(type);
    }

    /** Sends an append (or a snapshot if the needed entries are compacted) to a peer unless it is paused. */
    void sendAppend(long to) {
        maybeSendAppend(to, true);
    }

    private boolean maybeSendAppend(long to, boolean sendIfEmpty) {
        PeerProgress pr = trk.get(to);
        if (pr == null || pr.isPaused()) {
            return false;
        }
        long prevIndex = pr.next - 1;
        long nextIndex = pr.next;
        long prevTerm;
        List<Entry> ents = List.of();
        try {
            prevTerm = raftLog.term(prevIndex);
            // A full window in REPLICATE still gets an empty MsgApp, so that a lost window is eventually re-acked.
            if (pr.state != ProgressState.REPLICATE || !pr.inflights.full()) {
                ents = raftLog.entries(nextIndex, maxMsgSize);
            }
        } catch (CompactedException | UnavailableException e) {
            return maybeSendSnapshot(to, pr);
        }
        if (ents.isEmpty() && !sendIfEmpty) {
            return false;
        }
        pr.updateOnEntriesSend(ents.size(), nextIndex);
        send(msg(to, MessageType.MsgApp).setIndex(prevIndex).setLogTerm(prevTerm).addAllEntries(ents)
                .setCommit(raftLog.committed));
        return true;
    }

    private boolean maybeSendSnapshot(long to, PeerProgress pr) {
        if (!pr.recentActive) {
            debug("maybeSendSnapshot", () -> "ignore sending snapshot to " + hex(to) + " since it is not recently active");
            return false;
        }
        Snapshot snapshot;
        try {
            snapshot = raftLog.snapshot();
        } catch (SnapshotTemporarilyUnavailableException e) {
            debug("maybeSendSnapshot", () -> hex(id) + " failed to send snapshot to " + hex(to) + " because snapshot is temporarily unavailable");
            return false;
        }
        if (snapshot.getMetadata().getIndex() == 0) {
            throw new IllegalStateException("need non-empty snapshot");
        }
        long sindex = snapshot.getMetadata().getIndex();
        long sterm = snapshot.getMetadata().getTerm();
        debug("maybeSendSnapshot", () -> hex(id) + " [firstindex: " + raftLog.firstIndex() + ", commit: " + raftLog.committed
                + "] sent snapshot[index: " + sindex + ", term: " + sterm + "] to " + hex(to) + " [" + pr + "]");
        long nextBefore = pr.next;
        pr.becomeSnapshot(sindex);
        if (etcd35) {
            // etcd 3.5's BecomeSnapshot leaves Next alone (3.6 moves it past the snapshot); it only shows in the
            // progress dump, since a follower in StateSnapshot gets no appends either way.
            pr.next = nextBefore;
        }
        debug("maybeSendSnapshot", () -> hex(id) + " paused sending replication messages to " + hex(to) + " [" + pr + "]");
        send(msg(to, MessageType.MsgSnap).setSnapshot(snapshot));
        return true;
    }

    private void sendHeartbeat(long to) {
        PeerProgress pr = trk.get(to);
        // Never tell a follower to commit beyond what it is known to hold.
        long commit = Math.min(pr.match, raftLog.committed);
        send(msg(to, MessageType.MsgHeartbeat).setCommit(commit));
    }

    void bcastAppend() {
        for (int i = 0; i < trk.size(); i++) {
            long to = trk.idAt(i);
            if (to != id) {
                sendAppend(to);
            }
        }
    }

    private void bcastHeartbeat() {
        for (int i = 0; i < trk.size(); i++) {
            long to = trk.idAt(i);
            if (to != id) {
                sendHeartbeat(to);
            }
        }
    }

    /** Sends the MsgApps owed for proposals appended since the last input. */
    void flushBroadcast() {
        if (broadcastPending) {
            broadcastPending = false;
            if (state == StateRole.LEADER) {
                bcastAppend();
            }
        }
    }

    // ---------------------------------------------------------------- log helpers

    /** Advances the commit index to what a quorum holds, counting only entries of the current term. */
    boolean maybeCommit() {
        return raftLog.maybeCommit(trk.committed(), term);
    }

    /** Appends entries built by the caller with this term and consecutive indexes after the last one. */
    private boolean appendBuilt(List<Entry> built, long payload) {
        if (!increaseUncommittedSize(payload)) {
            String line = hex(id) + " appending new entries to log would exceed uncommitted entry size limit; dropping proposal";
            if (etcd35) {
                debug("appendEntry", () -> line); // etcd 3.5 logs it at debug, 3.6 at warning
            } else {
                logger.warn("appendEntry", line);
            }
            return false;
        }
        long li = raftLog.append(built);
        if (etcd35) {
            // etcd 3.5: the leader's own progress moves as it appends, before anything is durable; the caller
            // broadcasts regardless of whether this commits.
            PeerProgress self = trk.get(id);
            if (self != null) {
                self.maybeUpdate(li);
            }
            maybeCommit();
        } else {
            // etcd 3.6: the leader acknowledges its own entries once they are durable (it sends itself no MsgApp).
            sendSelfAck(li);
        }
        return true;
    }

    private boolean appendEntries(List<Entry.Builder> es) {
        long li = raftLog.lastIndex();
        List<Entry> built = new ArrayList<>(es.size());
        long payload = 0;
        for (int i = 0; i < es.size(); i++) {
            Entry e = es.get(i).setTerm(term).setIndex(li + 1 + i).build();
            payload += e.getData().size();
            built.add(e);
        }
        return appendBuilt(built, payload);
    }

    private boolean increaseUncommittedSize(long s) {
        if (uncommittedSize > 0 && s > 0 && uncommittedSize + s > maxUncommittedSize) {
            // The first proposal is always allowed so that a single large entry cannot block the log forever.
            return false;
        }
        uncommittedSize += s;
        return true;
    }

    void reduceUncommittedSize(long s) {
        uncommittedSize = s > uncommittedSize ? 0 : uncommittedSize - s;
    }

    void appliedTo(long index, long size) {
        long newApplied = Math.max(index, raftLog.applied);
        raftLog.appliedTo(newApplied, size);
    }

    void appliedSnap(Snapshot snap) {
        long index = snap.getMetadata().getIndex();
        raftLog.stableSnapTo(index);
        appliedTo(index, 0);
    }

    // ---------------------------------------------------------------- ticks

    void tick() {
        flushBroadcast();
        if (state == StateRole.LEADER) {
            tickHeartbeat();
        } else {
            tickElection();
        }
    }

    private void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            electionElapsed = 0;
            step(Message.newBuilder().setFrom(id).setType(MessageType.MsgHup).build());
        }
    }

    private void tickHeartbeat() {
        heartbeatElapsed++;
        electionElapsed++;
        if (electionElapsed >= electionTimeout) {
            electionElapsed = 0;
            if (checkQuorum) {
                step(Message.newBuilder().setFrom(id).setType(MessageType.MsgCheckQuorum).build());
            }
            // A transfer that did not finish within an election timeout is abandoned; we stay leader.
            if (state == StateRole.LEADER && leadTransferee != 0) {
                abortLeaderTransfer();
            }
        }
        if (state != StateRole.LEADER) {
            return;
        }
        if (heartbeatElapsed >= heartbeatTimeout) {
            heartbeatElapsed = 0;
            step(Message.newBuilder().setFrom(id).setType(MessageType.MsgBeat).build());
        }
    }

    boolean promotable() {
        PeerProgress pr = trk.get(id);
        return pr != null && !pr.isLearner && !raftLog.hasNextOrInProgressSnapshot();
    }

    // ---------------------------------------------------------------- state transitions

    private void reset(long newTerm) {
        if (term != newTerm) {
            term = newTerm;
            vote = 0;
        }
        lead = 0;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        resetRandomizedElectionTimeout();
        abortLeaderTransfer();
        trk.resetVotes();
        trk.resetAll(id, raftLog.lastIndex());
        pendingConfIndex = 0;
        uncommittedSize = 0;
        broadcastPending = false;
    }

    void resetRandomizedElectionTimeout() {
        randomizedElectionTimeout = electionTimeout + random.nextInt(electionTimeout);
    }

    void becomeFollower(long newTerm, long newLead) {
        reset(newTerm);
        lead = newLead;
        state = StateRole.FOLLOWER;
        logger.info("becomeFollower", hex(id) + " became follower at term " + term);
    }

    void becomeCandidate() {
        if (state == StateRole.LEADER) {
            throw new IllegalStateException("invalid transition [leader -> candidate]");
        }
        reset(term + 1);
        vote = id;
        state = StateRole.CANDIDATE;
        logger.info("becomeCandidate", hex(id) + " became candidate at term " + term);
    }

    void becomePreCandidate() {
        if (state == StateRole.LEADER) {
            throw new IllegalStateException("invalid transition [leader -> pre-candidate]");
        }
        // No term or vote change and no reset: a pre-candidate only forgets the leader and collects pre-votes.
        trk.resetVotes();
        lead = 0;
        state = StateRole.PRE_CANDIDATE;
        logger.info("becomePreCandidate", hex(id) + " became pre-candidate at term " + term);
    }

    void becomeLeader() {
        if (state == StateRole.FOLLOWER) {
            throw new IllegalStateException("invalid transition [follower -> leader]");
        }
        reset(term);
        lead = id;
        state = StateRole.LEADER;
        PeerProgress self = trk.get(id);
        self.becomeReplicate();
        if (!etcd35) {
            // etcd 3.6 marks the new leader active at once; 3.5 only at its first quorum check (status: "inactive").
            self.recentActive = true;
        }
        // Any unapplied entry may be a conf change: accept no new one until everything up to here is applied.
        pendingConfIndex = raftLog.lastIndex();
        // The empty entry of the new term lets the leader commit entries of earlier terms (Raft §5.4.2).
        appendEntries(List.of(Entry.newBuilder()));
        logger.info("becomeLeader", hex(id) + " became leader at term " + term);
    }

    private void hup(CampaignType t) {
        if (state == StateRole.LEADER) {
            debug("hup", () -> hex(id) + " ignoring MsgHup because already leader");
            return;
        }
        if (!promotable()) {
            logger.warn("hup", hex(id) + " is unpromotable and can not campaign");
            return;
        }
        if (etcd35) {
            int n = raftLog.committed > raftLog.applied ? countUnappliedConfChanges(Integer.MAX_VALUE) : 0;
            if (n != 0) {
                logger.warn("hup", hex(id) + " cannot campaign at term " + term + " since there are still " + n
                        + " pending configuration changes to apply");
                return;
            }
        } else if (hasUnappliedConfChanges()) {
            logger.warn("hup", hex(id) + " cannot campaign at term " + term
                    + " since there are still pending configuration changes to apply");
            return;
        }
        logger.info("hup", hex(id) + " is starting a new election at term " + term);
        campaign(t);
    }

    private boolean hasUnappliedConfChanges() {
        return countUnappliedConfChanges(1) > 0;
    }

    /** Conf change entries committed but not applied, counted up to {@code atMost}. */
    private int countUnappliedConfChanges(int atMost) {
        int n = 0;
        if (raftLog.applied >= raftLog.committed) {
            return 0;
        }
        long lo = raftLog.applied + 1;
        long hi = raftLog.committed + 1;
        while (lo < hi) {
            List<Entry> page = raftLog.slice(lo, hi, raftLog.maxApplyingEntsSize);
            for (Entry e : page) {
                if (e.getType() == EntryType.EntryConfChange && ++n >= atMost) {
                    return n;
                }
            }
            lo += page.size();
        }
        return n;
    }

    private void campaign(CampaignType t) {
        if (!promotable()) {
            logger.warn("campaign", hex(id) + " is unpromotable; campaign() should have been called");
        }
        long voteTerm;
        MessageType voteMsg;
        if (t == CampaignType.PRE_ELECTION) {
            becomePreCandidate();
            voteMsg = MessageType.MsgPreVote;
            voteTerm = term + 1; // pre-votes ask for the next term without taking it
        } else {
            becomeCandidate();
            voteMsg = MessageType.MsgVote;
            voteTerm = term;
        }
        if (etcd35 && poll(id, voteRespType(voteMsg), true) == VoteResult.WON) {
            // etcd 3.5: our own vote counts at once; winning with it alone means a single-voter group.
            if (t == CampaignType.PRE_ELECTION) {
                campaign(CampaignType.ELECTION);
            } else {
                becomeLeader();
            }
            return;
        }
        long lastIndex = raftLog.lastIndex();
        long lastTerm = raftLog.lastTerm();
        for (long v : trk.voters()) {
            if (v == id) {
                if (!etcd35) {
                    // etcd 3.6: our own vote counts once it is durable: the response is stepped back on advance.
                    send(msg(id, voteRespType(voteMsg)).setTerm(voteTerm));
                }
                continue;
            }
            logger.info("campaign", hex(id) + " [logterm: " + lastTerm + ", index: " + lastIndex + "] sent " + voteMsg
                    + " request to " + hex(v) + " at term " + term);
            Message.Builder m = msg(v, voteMsg).setTerm(voteTerm).setIndex(lastIndex).setLogTerm(lastTerm);
            if (t == CampaignType.TRANSFER) {
                m.setContext(CAMPAIGN_TRANSFER);
            }
            send(m);
        }
    }

    private VoteResult poll(long from, MessageType t, boolean granted) {
        if (granted) {
            logger.info("poll", hex(id) + " received " + t + " from " + hex(from) + " at term " + term);
        } else {
            logger.info("poll", hex(id) + " received " + t + " rejection from " + hex(from) + " at term " + term);
        }
        trk.recordVote(from, granted);
        return trk.voteResult();
    }

    private static MessageType voteRespType(MessageType t) {
        return switch (t) {
            case MsgVote -> MessageType.MsgVoteResp;
            case MsgPreVote -> MessageType.MsgPreVoteResp;
            default -> throw new IllegalArgumentException("not a vote message: " + t);
        };
    }

    // ---------------------------------------------------------------- step

    /**
     * Handles one message. Local messages have term 0.
     *
     * @throws ProposalDroppedException if a MsgProp cannot be appended
     */
    void step(Message m) {
        MessageType type = m.getType();
        if (type != MessageType.MsgProp) {
            flushBroadcast();
        }
        if (m.getTerm() == 0) {
            // local message
        } else if (m.getTerm() > term) {
            if (type == MessageType.MsgVote || type == MessageType.MsgPreVote) {
                boolean force = CAMPAIGN_TRANSFER.equals(m.getContext());
                boolean inLease = checkQuorum && lead != 0 && electionElapsed < electionTimeout;
                if (!force && inLease) {
                    // Heard from a live leader within the minimum election timeout: neither bump the term nor vote.
                    logger.info("Step", hex(id) + " [logterm: " + raftLog.lastTerm() + ", index: " + raftLog.lastIndex()
                            + ", vote: " + hex(vote) + "] ignored " + type + " from " + hex(m.getFrom())
                            + " [logterm: " + m.getLogTerm() + ", index: " + m.getIndex() + "] at term " + term
                            + ": lease is not expired (remaining ticks: " + (electionTimeout - electionElapsed) + ")");
                    return;
                }
            }
            if (type == MessageType.MsgPreVote) {
                // Never change our term in response to a pre-vote.
            } else if (type == MessageType.MsgPreVoteResp && !m.getReject()) {
                // A granted pre-vote echoes our future term; the term changes only once we win the pre-vote.
            } else {
                logger.info("Step", hex(id) + " [term: " + term + "] received a " + type + " message with higher term from "
                        + hex(m.getFrom()) + " [term: " + m.getTerm() + "]");
                if (type == MessageType.MsgApp || type == MessageType.MsgHeartbeat || type == MessageType.MsgSnap) {
                    becomeFollower(m.getTerm(), m.getFrom());
                } else {
                    becomeFollower(m.getTerm(), 0);
                }
            }
        } else if (m.getTerm() < term) {
            if ((checkQuorum || preVote) && (type == MessageType.MsgHeartbeat || type == MessageType.MsgApp)) {
                // A leader at a lower term: tell it our term. This frees a node whose term ran ahead during a
                // partition (the stale leader steps down), at the cost of one disruption.
                send(msg(m.getFrom(), MessageType.MsgAppResp));
            } else if (type == MessageType.MsgPreVote) {
                // Reject explicitly so that a pre-candidate behind in term learns ours (etcd#8501).
                logger.info("Step", hex(id) + " [logterm: " + raftLog.lastTerm() + ", index: " + raftLog.lastIndex()
                        + ", vote: " + hex(vote) + "] rejected " + type + " from " + hex(m.getFrom())
                        + " [logterm: " + m.getLogTerm() + ", index: " + m.getIndex() + "] at term " + term);
                send(msg(m.getFrom(), MessageType.MsgPreVoteResp).setTerm(term).setReject(true));
            } else {
                logger.info("Step", hex(id) + " [term: " + term + "] ignored a " + type + " message with lower term from "
                        + hex(m.getFrom()) + " [term: " + m.getTerm() + "]");
            }
            return;
        }

        if (type == MessageType.MsgProp && m.getFrom() == id && trk.get(id) == null) {
            // A removed consenter, or a new one that has not caught up with its own addition yet.
            throw ProposalDroppedException.notMember(id);
        }
        switch (type) {
            case MsgHup -> hup(preVote ? CampaignType.PRE_ELECTION : CampaignType.ELECTION);
            case MsgVote, MsgPreVote -> handleVote(m);
            default -> {
                switch (state) {
                    case LEADER -> stepLeader(m);
                    case CANDIDATE, PRE_CANDIDATE -> stepCandidate(m);
                    case FOLLOWER -> stepFollower(m);
                }
            }
        }
    }

    private void handleVote(Message m) {
        MessageType type = m.getType();
        boolean canVote = vote == m.getFrom()                     // a repeat of our vote
                || (vote == 0 && lead == 0)                        // not voted, no leader known in this term
                || (type == MessageType.MsgPreVote && m.getTerm() > term); // a pre-vote for a future term
        long lastIndex = raftLog.lastIndex();
        long lastTerm = raftLog.lastTerm();
        if (canVote && raftLog.isUpToDate(m.getIndex(), m.getLogTerm())) {
            logger.info("Step", hex(id) + " [logterm: " + lastTerm + ", index: " + lastIndex + ", vote: " + hex(vote)
                    + "] cast " + type + " for " + hex(m.getFrom()) + " [logterm: " + m.getLogTerm() + ", index: "
                    + m.getIndex() + "] at term " + term);
            // Echo the message's term: for pre-votes it is ahead of ours and the pre-candidate ignores older terms.
            send(msg(m.getFrom(), voteRespType(type)).setTerm(m.getTerm()));
            if (type == MessageType.MsgVote) {
                // Only real votes are recorded (and reset the timer); pre-votes leave no trace.
                electionElapsed = 0;
                vote = m.getFrom();
            }
        } else {
            logger.info("Step", hex(id) + " [logterm: " + lastTerm + ", index: " + lastIndex + ", vote: " + hex(vote)
                    + "] rejected " + type + " from " + hex(m.getFrom()) + " [logterm: " + m.getLogTerm()
                    + ", index: " + m.getIndex() + "] at term " + term);
            send(msg(m.getFrom(), voteRespType(type)).setTerm(term).setReject(true));
        }
    }

    private void stepLeader(Message m) {
        switch (m.getType()) {
            case MsgBeat -> {
                bcastHeartbeat();
                return;
            }
            case MsgCheckQuorum -> {
                // The leader always sees itself as active (it may have removed itself from the configuration).
                PeerProgress me = trk.get(id);
                if (me != null) {
                    me.recentActive = true;
                }
                if (!trk.quorumActive()) {
                    logger.warn("stepLeader", hex(id) + " stepped down to follower since quorum is not active");
                    becomeFollower(term, 0);
                }
                // Everyone but us must prove activity again before the next check.
                for (int i = 0; i < trk.size(); i++) {
                    if (trk.idAt(i) != id) {
                        trk.progressAt(i).recentActive = false;
                    }
                }
                return;
            }
            case MsgProp -> {
                propose(m);
                return;
            }
            default -> {
            }
        }
        PeerProgress pr = trk.get(m.getFrom());
        if (pr == null) {
            debug("stepLeader", () -> hex(id) + " no progress available for " + hex(m.getFrom()));
            return;
        }
        switch (m.getType()) {
            case MsgAppResp -> handleAppendResponse(m, pr);
            case MsgHeartbeatResp -> {
                pr.recentActive = true;
                pr.msgAppFlowPaused = false;
                // A lagging (or probing) follower gets an append; if its window is full it is an empty one,
                // which recovers a window whose messages were all lost.
                if (pr.match < raftLog.lastIndex() || pr.state == ProgressState.PROBE) {
                    sendAppend(m.getFrom());
                }
            }
            case MsgSnapStatus -> {
                if (pr.state != ProgressState.SNAPSHOT) {
                    return;
                }
                if (!m.getReject()) {
                    pr.becomeProbe();
                    debug("stepLeader", () -> hex(id) + " snapshot succeeded, resumed sending replication messages to "
                            + hex(m.getFrom()) + " [" + pr + "]");
                } else {
                    // Clear the pending snapshot first, or we would probe from an index the follower never got.
                    pr.pendingSnapshot = 0;
                    pr.becomeProbe();
                    debug("stepLeader", () -> hex(id) + " snapshot failed, resumed sending replication messages to "
                            + hex(m.getFrom()) + " [" + pr + "]");
                }
                // Wait for the follower's MsgAppResp (or the next heartbeat) before sending more.
                pr.msgAppFlowPaused = true;
            }
            case MsgUnreachable -> {
                // Optimistically sent appends were probably lost.
                if (pr.state == ProgressState.REPLICATE) {
                    pr.becomeProbe();
                }
                debug("stepLeader", () -> hex(id) + " failed to send message to " + hex(m.getFrom()) + " because it is unreachable ["
                        + pr + "]");
            }
            case MsgTransferLeader -> handleTransferLeader(m, pr);
            default -> {
            }
        }
    }

    private void propose(Message m) {
        if (m.getEntriesCount() == 0) {
            throw new IllegalArgumentException(hex(id) + " stepped empty MsgProp");
        }
        checkLeaderCanPropose();
        List<Entry.Builder> entries = new ArrayList<>(m.getEntriesCount());
        for (int i = 0; i < m.getEntriesCount(); i++) {
            Entry e = m.getEntries(i);
            Entry.Builder b = e.toBuilder();
            if (e.getType() == EntryType.EntryConfChange) {
                if (pendingConfIndex > raftLog.applied) {
                    String failedCheck = "possible unapplied conf change at index " + pendingConfIndex
                            + " (applied to " + raftLog.applied + ")";
                    logger.info("stepLeader", hex(id) + " ignoring conf change " + describeConfChange(e.getData()) + " at config "
                            + trk.describe() + ": " + failedCheck);
                    if (m.getFrom() == id) {
                        // Our own caller learns why: Fabric changes one consenter at a time.
                        throw ProposalDroppedException.confChangePending(id, pendingConfIndex, raftLog.applied);
                    }
                    // A forwarded proposal has nobody to tell: like etcd, keep its slot as an empty entry.
                    b = Entry.newBuilder().setType(EntryType.EntryNormal);
                } else {
                    pendingConfIndex = raftLog.lastIndex() + i + 1;
                }
            }
            entries.add(b);
        }
        if (!appendEntries(entries)) {
            throw ProposalDroppedException.tooLarge(id, maxUncommittedSize);
        }
        broadcastAfterProposal();
    }

    /**
     * etcd 3.5 (and v3.6.0) broadcasts right after each proposal, one MsgApp per proposal and follower; the default
     * (3.6) mode sends the MsgApps before the next input is handled, so a burst of proposals shares them, as etcd's
     * main line does since (the v3.7 testdata sends a conf change and the proposal after it in one MsgApp).
     */
    private void broadcastAfterProposal() {
        if (etcd35) {
            bcastAppend();
        } else {
            broadcastPending = true;
        }
    }

    /**
     * A local proposal of one normal entry: on the leader it is appended without building a MsgProp
     * (the hot path of a busy channel); elsewhere it is stepped as a MsgProp.
     */
    void proposeData(ByteString data) {
        if (state != StateRole.LEADER) {
            step(Message.newBuilder().setType(MessageType.MsgProp).setFrom(id)
                    .addEntries(Entry.newBuilder().setData(data)).build());
            return;
        }
        checkLeaderCanPropose();
        Entry e = Entry.newBuilder().setTerm(term).setIndex(raftLog.lastIndex() + 1).setData(data).build();
        if (!appendBuilt(List.of(e), data.size())) {
            throw ProposalDroppedException.tooLarge(id, maxUncommittedSize);
        }
        broadcastAfterProposal();
    }

    private void checkLeaderCanPropose() {
        if (trk.get(id) == null) {
            // Removed from the configuration while leading.
            throw ProposalDroppedException.notMember(id);
        }
        if (leadTransferee != 0) {
            debug("stepLeader", () -> hex(id) + " [term " + term + "] transfer leadership to " + hex(leadTransferee)
                    + " is in progress; dropping proposal");
            throw ProposalDroppedException.transferInProgress(id, leadTransferee);
        }
    }

    private static String describeConfChange(ByteString data) {
        try {
            ConfChange cc = ConfChange.parseFrom(data);
            // Go's %v of the pb.ConfChange value etcd v3.6.0 logs: {Type NodeID Context ID}, bytes as [1 2 3].
            StringBuilder ctx = new StringBuilder("[");
            for (int i = 0; i < cc.getContext().size(); i++) {
                ctx.append(i == 0 ? "" : " ").append(cc.getContext().byteAt(i) & 0xff);
            }
            return "{" + cc.getType() + " " + Long.toUnsignedString(cc.getNodeId()) + " " + ctx.append(']') + " "
                    + Long.toUnsignedString(cc.getId()) + "}";
        } catch (InvalidProtocolBufferException e) {
            return "{unparseable}";
        }
    }

    private void handleAppendResponse(Message m, PeerProgress pr) {
        pr.recentActive = true;
        if (m.getReject()) {
            debug("stepLeader", () -> hex(id) + " received MsgAppResp(rejected, hint: (index " + m.getRejectHint() + ", term "
                    + m.getLogTerm() + ")) from " + hex(m.getFrom()) + " for index " + m.getIndex());
            long nextProbeIdx = m.getRejectHint();
            if (m.getLogTerm() > 0) {
                // Skip every entry of ours whose term is above the follower's term at the hint (fast rejection).
                nextProbeIdx = raftLog.findConflictByTerm(m.getRejectHint(), m.getLogTerm())[0];
            }
            if (pr.maybeDecrTo(m.getIndex(), nextProbeIdx)) {
                debug("stepLeader", () -> hex(id) + " decreased progress of " + hex(m.getFrom()) + " to [" + pr + "]");
                if (pr.state == ProgressState.REPLICATE) {
                    pr.becomeProbe();
                }
                sendAppend(m.getFrom());
            }
            return;
        }
        boolean oldPaused = pr.isPaused();
        if (!pr.maybeUpdate(m.getIndex()) && !(pr.match == m.getIndex() && pr.state == ProgressState.PROBE)) {
            return;
        }
        switch (pr.state) {
            case PROBE -> pr.becomeReplicate();
            case SNAPSHOT -> {
                if (pr.match + 1 >= raftLog.firstIndex()) {
                    // The follower can be caught up from the log now, whatever snapshot it installed.
                    debug("stepLeader", () -> hex(id) + " recovered from needing snapshot, resumed sending replication messages to "
                            + hex(m.getFrom()) + " [" + pr + "]");
                    pr.becomeProbe();
                    pr.becomeReplicate();
                }
            }
            case REPLICATE -> pr.inflights.freeLE(m.getIndex());
        }
        if (maybeCommit()) {
            bcastAppend();
        } else if (oldPaused) {
            // The follower may be missing the latest commit index.
            sendAppend(m.getFrom());
        }
        if (m.getFrom() != id) {
            // Flow control may now allow several messages at once; send all we can (no empty ones).
            while (maybeSendAppend(m.getFrom(), false)) {
                // keep sending
            }
            if (m.getFrom() == leadTransferee && pr.match == raftLog.lastIndex()) {
                logger.info("stepLeader", hex(id) + " sent MsgTimeoutNow to " + hex(m.getFrom()) + " after received MsgAppResp");
                sendTimeoutNow(m.getFrom());
            }
        }
    }

    private void handleTransferLeader(Message m, PeerProgress pr) {
        if (pr.isLearner) {
            debug("stepLeader", () -> hex(id) + " is learner. Ignored transferring leadership");
            return;
        }
        long transferee = m.getFrom();
        long last = leadTransferee;
        if (last != 0) {
            if (last == transferee) {
                logger.info("stepLeader", hex(id) + " [term " + term + "] transfer leadership to " + hex(transferee)
                        + " is in progress, ignores request to same node " + hex(transferee));
                return;
            }
            abortLeaderTransfer();
            logger.info("stepLeader", hex(id) + " [term " + term + "] abort previous transferring leadership to " + hex(last));
        }
        if (transferee == id) {
            debug("stepLeader", () -> hex(id) + " is already leader. Ignored transferring leadership to self");
            return;
        }
        logger.info("stepLeader", hex(id) + " [term " + term + "] starts to transfer leadership to " + hex(transferee));
        // The transfer must finish within one election timeout.
        electionElapsed = 0;
        leadTransferee = transferee;
        if (pr.match == raftLog.lastIndex()) {
            sendTimeoutNow(transferee);
            logger.info("stepLeader", hex(id) + " sends MsgTimeoutNow to " + hex(transferee) + " immediately as " + hex(transferee)
                    + " already has up-to-date log");
        } else {
            sendAppend(transferee);
        }
    }

    private void sendTimeoutNow(long to) {
        send(msg(to, MessageType.MsgTimeoutNow));
    }

    void abortLeaderTransfer() {
        leadTransferee = 0;
    }

    private void stepCandidate(Message m) {
        // Only responses to the current phase count: a candidate may still get MsgPreVoteResp from its pre-vote.
        MessageType myVoteRespType = state == StateRole.PRE_CANDIDATE ? MessageType.MsgPreVoteResp : MessageType.MsgVoteResp;
        MessageType type = m.getType();
        if (type == MessageType.MsgProp) {
            logger.info("stepCandidate", hex(id) + " no leader at term " + term + "; dropping proposal");
            throw ProposalDroppedException.noLeader();
        } else if (type == MessageType.MsgApp) {
            becomeFollower(m.getTerm(), m.getFrom());
            handleAppendEntries(m);
        } else if (type == MessageType.MsgHeartbeat) {
            becomeFollower(m.getTerm(), m.getFrom());
            handleHeartbeat(m);
        } else if (type == MessageType.MsgSnap) {
            becomeFollower(m.getTerm(), m.getFrom());
            handleSnapshot(m);
        } else if (type == myVoteRespType) {
            VoteResult res = poll(m.getFrom(), type, !m.getReject());
            int[] counts = trk.countVotes();
            logger.info("stepCandidate", hex(id) + " has received " + counts[0] + " " + type + " votes and " + counts[1]
                    + " vote rejections");
            if (res == VoteResult.WON) {
                if (state == StateRole.PRE_CANDIDATE) {
                    campaign(CampaignType.ELECTION);
                } else {
                    becomeLeader();
                    bcastAppend();
                }
            } else if (res == VoteResult.LOST) {
                // A MsgPreVoteResp carries the pre-candidate's future term; stay at ours.
                becomeFollower(term, 0);
            }
        } else if (type == MessageType.MsgTimeoutNow) {
            debug("stepCandidate", () -> hex(id) + " [term " + term + " state " + state.etcdName() + "] ignored MsgTimeoutNow from "
                    + hex(m.getFrom()));
        }
    }

    private void stepFollower(Message m) {
        switch (m.getType()) {
            case MsgProp -> {
                if (lead == 0) {
                    logger.info("stepFollower", hex(id) + " no leader at term " + term + "; dropping proposal");
                    throw ProposalDroppedException.noLeader();
                } else if (disableProposalForwarding) {
                    logger.info("stepFollower", hex(id) + " not forwarding to leader " + hex(lead) + " at term " + term
                            + "; dropping proposal");
                    throw ProposalDroppedException.notLeader(lead);
                }
                send(m.toBuilder().setTo(lead));
            }
            case MsgApp -> {
                electionElapsed = 0;
                lead = m.getFrom();
                handleAppendEntries(m);
            }
            case MsgHeartbeat -> {
                electionElapsed = 0;
                lead = m.getFrom();
                handleHeartbeat(m);
            }
            case MsgSnap -> {
                electionElapsed = 0;
                lead = m.getFrom();
                handleSnapshot(m);
            }
            case MsgTransferLeader -> {
                if (lead == 0) {
                    logger.info("stepFollower", hex(id) + " no leader at term " + term + "; dropping leader transfer msg");
                    return;
                }
                send(m.toBuilder().setTo(lead));
            }
            case MsgTimeoutNow -> {
                logger.info("stepFollower", hex(id) + " [term " + term + "] received MsgTimeoutNow from " + hex(m.getFrom())
                        + " and starts an election to get leadership.");
                // A transfer never uses pre-vote: the leader asked for it, there is no partition to guard against.
                hup(CampaignType.TRANSFER);
            }
            default -> {
            }
        }
    }

    private void handleAppendEntries(Message m) {
        if (m.getIndex() < raftLog.committed) {
            send(msg(m.getFrom(), MessageType.MsgAppResp).setIndex(raftLog.committed));
            return;
        }
        long lastNew = raftLog.maybeAppend(m.getIndex(), m.getLogTerm(), m.getCommit(), m.getEntriesList());
        if (lastNew >= 0) {
            send(msg(m.getFrom(), MessageType.MsgAppResp).setIndex(lastNew));
            return;
        }
        debug("handleAppendEntries", () -> hex(id) + " [logterm: " + raftLog.zeroTermOnOutOfBounds(m.getIndex()) + ", index: " + m.getIndex()
                + "] rejected MsgApp [logterm: " + m.getLogTerm() + ", index: " + m.getIndex() + "] from "
                + hex(m.getFrom()));
        // Hint the leader at the largest (index, term) that may match, skipping our entries of higher terms.
        long hintIndex = Math.min(m.getIndex(), raftLog.lastIndex());
        long[] hint = raftLog.findConflictByTerm(hintIndex, m.getLogTerm());
        send(msg(m.getFrom(), MessageType.MsgAppResp).setIndex(m.getIndex()).setReject(true)
                .setRejectHint(hint[0]).setLogTerm(hint[1]));
    }

    private void handleHeartbeat(Message m) {
        raftLog.commitTo(m.getCommit());
        send(msg(m.getFrom(), MessageType.MsgHeartbeatResp).setContext(m.getContext()));
    }

    private void handleSnapshot(Message m) {
        Snapshot s = m.getSnapshot();
        long sindex = s.getMetadata().getIndex();
        long sterm = s.getMetadata().getTerm();
        if (restore(s)) {
            logger.info("handleSnapshot", hex(id) + " [commit: " + raftLog.committed + "] restored snapshot [index: " + sindex
                    + ", term: " + sterm + "]");
            send(msg(m.getFrom(), MessageType.MsgAppResp).setIndex(raftLog.lastIndex()));
        } else {
            logger.info("handleSnapshot", hex(id) + " [commit: " + raftLog.committed + "] ignored snapshot [index: " + sindex
                    + ", term: " + sterm + "]");
            send(msg(m.getFrom(), MessageType.MsgAppResp).setIndex(raftLog.committed));
        }
    }

    /** Installs a snapshot from the leader; false if it is stale or our log already contains it. */
    private boolean restore(Snapshot s) {
        long sindex = s.getMetadata().getIndex();
        long sterm = s.getMetadata().getTerm();
        if (sindex <= raftLog.committed) {
            return false;
        }
        if (state != StateRole.FOLLOWER) {
            // Defense in depth: only followers install snapshots.
            logger.warn("restore", hex(id) + " attempted to restore snapshot as leader; should never happen");
            becomeFollower(term + 1, 0);
            return false;
        }
        ConfState cs = s.getMetadata().getConfState();
        if (!cs.getVotersList().contains(id) && !cs.getLearnersList().contains(id)) {
            logger.warn("restore", hex(id) + " attempted to restore snapshot but it is not in the ConfState " + describe(cs)
                    + "; should never happen");
            return false;
        }
        if (raftLog.matchTerm(sindex, sterm)) {
            // We already have the snapshot's last entry: just commit up to it.
            logger.info("restore", hex(id) + " [commit: " + raftLog.committed + ", lastindex: " + raftLog.lastIndex()
                    + ", lastterm: " + raftLog.lastTerm() + "] fast-forwarded commit to snapshot [index: " + sindex
                    + ", term: " + sterm + "]");
            raftLog.commitTo(sindex);
            return false;
        }
        raftLog.restore(s);
        trk = new ProgressTracker(trk.maxInflight);
        restoreConfig(cs);
        logger.info("restore", hex(id) + " [commit: " + raftLog.committed + ", lastindex: " + raftLog.lastIndex()
                + ", lastterm: " + raftLog.lastTerm() + "] restored snapshot [index: " + sindex + ", term: "
                + sterm + "]");
        return true;
    }

    private static String describe(ConfState cs) {
        return "{voters=" + cs.getVotersList() + " learners=" + cs.getLearnersList() + "}";
    }

    // ---------------------------------------------------------------- membership

    private void restoreConfig(ConfState cs) {
        long last = raftLog.lastIndex();
        for (long v : cs.getVotersList()) {
            trk.addVoter(v, last);
        }
        for (long l : cs.getLearnersList()) {
            trk.addLearner(l, last);
        }
        switchToConfig();
    }

    /** Applies one committed membership change (ConfChange v1: one node at a time). */
    ConfState applyConfChange(ConfChange cc) {
        long node = cc.getNodeId();
        if (node != 0) { // etcd: a zeroed node id marks a change the application decided not to apply
            switch (cc.getType()) {
                case ConfChangeAddNode -> trk.addVoter(node, raftLog.lastIndex());
                case ConfChangeRemoveNode -> {
                    if (trk.isVoter(node) && trk.voters().length == 1) {
                        throw new IllegalArgumentException("removed all voters");
                    }
                    trk.remove(node);
                }
                case ConfChangeUpdateNode -> {
                    // Only the application's address book changes.
                }
                default -> throw new IllegalArgumentException("unexpected conf type " + cc.getType());
            }
        }
        return switchToConfig();
    }

    private ConfState switchToConfig() {
        logger.info("switchToConfig", hex(id) + " switched to configuration " + trk.describe());
        ConfState cs = trk.confState();
        PeerProgress self = trk.get(id);
        isLearner = self != null && self.isLearner;
        if ((self == null || isLearner) && state == StateRole.LEADER) {
            // This node is leader and was removed: step down if requested (etcd's StepDownOnRemoval). Otherwise it
            // keeps leading without proposing (stepLeader drops proposals of a non-member) until the application
            // stops it, as Fabric's chain halts on applying its own removal.
            if (stepDownOnRemoval) {
                becomeFollower(term, 0);
            }
            return cs;
        }
        if (state != StateRole.LEADER || cs.getVotersCount() == 0) {
            return cs;
        }
        if (maybeCommit()) {
            bcastAppend();
        } else {
            // Probe newly added peers right away instead of waiting for the next heartbeat or proposal.
            for (int i = 0; i < trk.size(); i++) {
                if (trk.idAt(i) != id) {
                    maybeSendAppend(trk.idAt(i), false);
                }
            }
        }
        if (leadTransferee != 0 && !trk.isVoter(leadTransferee)) {
            abortLeaderTransfer();
        }
        return cs;
    }

    // ---------------------------------------------------------------- logging

    private void debug(String function, Supplier<String> line) {
        if (logger.isDebugEnabled()) {
            logger.debug(function, line.get());
        }
    }
}
