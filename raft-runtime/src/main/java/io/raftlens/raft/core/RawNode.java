package io.raftlens.raft.core;

import static io.raftlens.raft.core.RaftIds.hex;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The synchronous driver-facing API of one Raft node (etcd rawnode.go). Not thread-safe: call it from one
 * thread. Feed it {@link #tick()}s and network messages, and handle each {@link #ready()} as its javadoc
 * says before calling {@link #advance(Ready)}.
 *
 * <p>Like etcd's {@code node.run}, it logs {@code raft.node: … elected leader / changed leader / lost leader}
 * whenever it observes that the known leader changed after an input.
 */
public final class RawNode {
    private final Raft raft;
    private SoftState prevSoftState;
    private long prevTerm;
    private long prevVote;
    private long prevCommit;
    private long observedLead;

    private final boolean pipelined;
    /** Readys handed out and not yet advanced, oldest first (at most one unless pipelined). */
    private final ArrayDeque<Accepted> accepted = new ArrayDeque<>();

    /** What {@link #advance} does for one Ready once the driver has done its part: self messages, then stable and applied marks. */
    private record Accepted(Ready ready, List<Message> steps, long term, long stableIndex, long stableTerm,
                            Snapshot stableSnapshot, long appliedIndex, long appliedSize, long appliedPayload) {
    }

    /** Creates a node restored from {@code config.storage()} (hard state, conf state, entries). */
    public RawNode(RaftConfig config) {
        this.raft = new Raft(config);
        this.pipelined = config.pipelineReadies();
        this.prevSoftState = softState();
        HardState hs = raft.hardState();
        this.prevTerm = hs.getTerm();
        this.prevVote = hs.getVote();
        this.prevCommit = hs.getCommit();
    }

    Raft raft() {
        return raft;
    }

    public long id() {
        return raft.id;
    }

    /**
     * Starts a fresh cluster, like etcd's Bootstrap/StartNode: one ConfChangeAddNode entry per peer at term
     * 1, committed but left for the application to apply through Ready.
     *
     * @throws IllegalArgumentException if peers is empty
     * @throws IllegalStateException if the storage is not empty
     */
    public void bootstrap(List<Long> peers) {
        if (Objects.requireNonNull(peers, "peers must not be null").isEmpty()) {
            throw new IllegalArgumentException("must provide at least one peer to Bootstrap");
        }
        if (raft.raftLog.storage.lastIndex() != 0) {
            throw new IllegalStateException("can't bootstrap a nonempty Storage");
        }
        // Nothing is persisted yet: the first Ready must carry the hard state.
        prevTerm = 0;
        prevVote = 0;
        prevCommit = 0;
        raft.becomeFollower(1, 0);
        List<Entry> ents = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            ConfChange cc = ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode).setNodeId(peers.get(i)).build();
            ents.add(Entry.newBuilder().setType(EntryType.EntryConfChange).setTerm(1).setIndex(i + 1L)
                    .setData(cc.toByteString()).build());
        }
        raft.raftLog.append(ents);
        // Committed so the application sees them in Ready.committedEntries; applied now so that Campaign works
        // right away (applying them again from Ready is a no-op).
        raft.raftLog.committed = ents.size();
        for (long peer : peers) {
            raft.applyConfChange(ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode).setNodeId(peer).build());
        }
    }

    /** Advances the logical clock by one tick (heartbeats, election timeouts, CheckQuorum). */
    public void tick() {
        raft.tick();
        observeLeader();
    }

    /** Starts an election now (MsgHup), with a pre-vote phase if configured. */
    public void campaign() {
        raft.step(Message.newBuilder().setType(MessageType.MsgHup).setFrom(raft.id).build());
        observeLeader();
    }

    /**
     * Proposes data to be appended to the log.
     *
     * @throws ProposalDroppedException if this node cannot append it (not leader with forwarding disabled,
     *     no leader, leadership transfer in progress, …)
     */
    public void propose(ByteString data) {
        raft.proposeData(Objects.requireNonNull(data, "proposal data must not be null (use ByteString.EMPTY)"));
        observeLeader();
    }

    /**
     * Proposes a batch of entries in one MsgProp, as etcd does for several entries; all or none are appended.
     *
     * @throws ProposalDroppedException as {@link #propose(ByteString)}
     */
    public void proposeAll(List<ByteString> data) {
        if (Objects.requireNonNull(data, "proposal batch must not be null").isEmpty()) {
            return;
        }
        Message.Builder m = Message.newBuilder().setType(MessageType.MsgProp).setFrom(raft.id);
        for (int i = 0, n = data.size(); i < n; i++) {
            m.addEntries(Entry.newBuilder().setData(Objects.requireNonNull(data.get(i), "proposal data must not be null")));
        }
        raft.step(m.build());
        observeLeader();
    }

    /**
     * Proposes a membership change. Only one may be pending: a second one before the first is applied is
     * rejected with reason {@code CONF_CHANGE_PENDING}.
     *
     * @throws ProposalDroppedException if the change cannot be proposed now
     */
    public void proposeConfChange(ConfChange cc) {
        Objects.requireNonNull(cc, "conf change must not be null");
        raft.step(Message.newBuilder().setType(MessageType.MsgProp).setFrom(raft.id)
                .addEntries(Entry.newBuilder().setType(EntryType.EntryConfChange).setData(cc.toByteString())).build());
        observeLeader();
    }

    /** Applies a committed conf change to the membership; call it for each EntryConfChange you apply. */
    public ConfState applyConfChange(ConfChange cc) {
        ConfState cs = raft.applyConfChange(Objects.requireNonNull(cc, "conf change must not be null"));
        observeLeader();
        return cs;
    }

    /**
     * Steps a message received from the network.
     *
     * @throws StepLocalMessageException for local-only message types (MsgHup, MsgBeat, …)
     */
    public void step(Message m) {
        MessageType t = Objects.requireNonNull(m, "message must not be null").getType();
        if (isLocal(t)) {
            throw new StepLocalMessageException();
        }
        if (isResponse(t) && raft.trk.get(m.getFrom()) == null) {
            // etcd's ErrStepPeerNotFound: a response from a node no longer in the configuration.
            return;
        }
        try {
            raft.step(m);
        } catch (ProposalDroppedException e) {
            // A forwarded proposal we cannot take; its origin never learns (as with etcd's dropped forwards).
        }
        observeLeader();
    }

    private static boolean isLocal(MessageType t) {
        return t == MessageType.MsgHup || t == MessageType.MsgBeat || t == MessageType.MsgUnreachable
                || t == MessageType.MsgSnapStatus || t == MessageType.MsgCheckQuorum;
    }

    private static boolean isResponse(MessageType t) {
        return t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp || t == MessageType.MsgHeartbeatResp
                || t == MessageType.MsgReadIndexResp || t == MessageType.MsgPreVoteResp;
    }

    /** Asks the leader to hand leadership to {@code transferee} (any node may ask; followers forward it). */
    public void transferLeader(long transferee) {
        raft.step(Message.newBuilder().setType(MessageType.MsgTransferLeader).setFrom(transferee).build());
        observeLeader();
    }

    /** Tells the leader that the last message to {@code id} may have been lost. */
    public void reportUnreachable(long id) {
        raft.step(Message.newBuilder().setType(MessageType.MsgUnreachable).setFrom(id).build());
    }

    /** Reports the outcome of sending a MsgSnap to {@code id}. */
    public void reportSnapshot(long id, boolean failed) {
        raft.step(Message.newBuilder().setType(MessageType.MsgSnapStatus).setFrom(id).setReject(failed).build());
    }

    public Status status() {
        return raft.status();
    }

    /**
     * The leader's view of every peer in etcd's words ({@code tracker.ProgressMap.String()}: state, match, next,
     * paused, pendingSnap, inactive, inflight), one line per node in id order; empty on a non-leader. For
     * diagnostics and the interaction scripts, which print it for their {@code status} command.
     */
    public String describeProgress() {
        return raft.describeProgress();
    }

    private SoftState softState() {
        return new SoftState(raft.lead, raft.state);
    }

    public boolean hasReady() {
        raft.flushBroadcast();
        if (raft.lead != prevSoftState.leader() || raft.state != prevSoftState.role()) {
            return true;
        }
        boolean hardEmpty = raft.term == 0 && raft.vote == 0 && raft.raftLog.committed == 0;
        if (!hardEmpty && hardStateChanged()) {
            return true;
        }
        RaftLog log = raft.raftLog;
        return log.hasNextUnstableSnapshot() || !raft.msgs.isEmpty() || raft.hasMessagesAfterAppend()
                || log.hasNextUnstableEnts() || log.hasNextCommittedEnts(true);
    }

    private boolean hardStateChanged() {
        return raft.term != prevTerm || raft.vote != prevVote || raft.raftLog.committed != prevCommit;
    }

    /**
     * Returns the next batch of work and accepts it: its entries count as being persisted, its committed
     * entries as being applied. Call {@link #advance(Ready)} when done; before the next ready() unless the node
     * was configured with {@link RaftConfig.Builder#pipelineReadies}.
     *
     * @throws IllegalStateException if the previous Ready was not advanced and Readys are not pipelined
     */
    public Ready ready() {
        if (!accepted.isEmpty() && !pipelined) {
            throw new IllegalStateException("two accepted Ready structs without call to Advance");
        }
        raft.flushBroadcast();
        RaftLog log = raft.raftLog;

        SoftState ss = null;
        if (raft.lead != prevSoftState.leader() || raft.state != prevSoftState.role()) {
            ss = softState();
            prevSoftState = ss;
        }
        HardState hs = null;
        boolean termOrVoteChanged = raft.term != prevTerm || raft.vote != prevVote;
        if (hardStateChanged()) {
            hs = raft.hardState();
            prevTerm = hs.getTerm();
            prevVote = hs.getVote();
            prevCommit = hs.getCommit();
        }
        List<Entry> entries = log.nextUnstableEnts();
        Snapshot snapshot = log.nextUnstableSnapshot();
        List<Entry> committed = log.nextCommittedEnts(true);

        List<Message> messages = new ArrayList<>(raft.msgs.size() + raft.msgsAfterAppend.size());
        messages.addAll(raft.msgs);
        raft.msgs.clear();
        List<Message> steps = new ArrayList<>(1);
        raft.takeMessagesAfterAppend(messages, steps);

        // What advance() will mark stable and applied once the driver has done its part. As etcd's
        // newStorageAppendRespMsg: the last entry of the whole log as of now (every earlier Ready's entries are
        // persisted before this one's), stamped with the term; advance() ignores it if the term moved meanwhile.
        long stableIndex = 0;
        long stableTerm = 0;
        if (!entries.isEmpty() || log.unstable.offsetInProgress > log.unstable.offset) {
            stableIndex = log.lastIndex();
            stableTerm = log.lastTerm();
        }
        log.acceptUnstable();
        long appliedIndex = 0;
        long appliedSize = 0;
        long appliedPayload = 0;
        if (!committed.isEmpty()) {
            appliedIndex = committed.get(committed.size() - 1).getIndex();
            appliedSize = EntrySizes.entsSize(committed);
            appliedPayload = EntrySizes.payloadSize(committed);
            log.acceptApplying(appliedIndex, appliedSize, true);
        }
        boolean mustSync = termOrVoteChanged || !entries.isEmpty();
        Ready rd = new Ready(ss, hs, entries, snapshot, committed, messages, mustSync);
        accepted.add(new Accepted(rd, steps, raft.term, stableIndex, stableTerm, snapshot, appliedIndex, appliedSize,
                appliedPayload));
        return rd;
    }

    /**
     * Notifies the node that a Ready was handled: persisted, sent and applied. Pipelined Readys are advanced in
     * the order they were taken. Steps this node's own durable votes and append acknowledgements, then marks
     * entries stable and applied.
     *
     * @throws IllegalStateException if {@code rd} is not the oldest Ready not yet advanced
     */
    public void advance(Ready rd) {
        Accepted a = accepted.peekFirst();
        if (a == null) {
            return;
        }
        if (a.ready() != rd) {
            throw new IllegalStateException("Readys must be advanced in the order they were taken");
        }
        accepted.removeFirst();
        for (Message m : a.steps()) {
            raft.step(m);
        }
        if (a.stableIndex() != 0) {
            if (a.term() < raft.term) {
                // etcd's async-write guard (raft.go, MsgStorageAppendResp with a lower term): entries durable under
                // an older term may since have been overwritten in the unstable log by a later Ready still being
                // written; dropping them from the unstable log now would let a read see the old ones. A later
                // same-term advance truncates instead.
                raft.logger.info("Step", RaftIds.hex(raft.id) + " [term: " + raft.term + "] ignored entry appends "
                        + "from a MsgStorageAppendResp message with lower term [term: " + a.term() + "]");
            } else {
                raft.raftLog.stableTo(a.stableIndex(), a.stableTerm());
            }
        }
        if (a.stableSnapshot() != null) {
            raft.appliedSnap(a.stableSnapshot());
        }
        if (a.appliedIndex() != 0) {
            raft.appliedTo(a.appliedIndex(), a.appliedSize());
            raft.reduceUncommittedSize(a.appliedPayload());
        }
        observeLeader();
    }

    /** Emits etcd node.go's leader-change lines when the known leader differs from the last one observed. */
    private void observeLeader() {
        long lead = raft.lead;
        if (lead == observedLead) {
            return;
        }
        RaftLogger logger = raft.logger;
        if (lead != 0) {
            if (observedLead == 0) {
                logger.info("run", "raft.node: " + hex(raft.id) + " elected leader " + hex(lead) + " at term " + raft.term);
            } else {
                logger.info("run", "raft.node: " + hex(raft.id) + " changed leader from " + hex(observedLead) + " to "
                        + hex(lead) + " at term " + raft.term);
            }
        } else {
            logger.info("run", "raft.node: " + hex(raft.id) + " lost leader " + hex(observedLead) + " at term " + raft.term);
        }
        observedLead = lead;
    }
}
