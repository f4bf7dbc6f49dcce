package io.raftlens.raft.core.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftException;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.Status;
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
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated node: a {@link RawNode} over a {@link MemoryStorage} that holds exactly what the driver has
 * persisted. A crash throws the RawNode away; a restart rebuilds it from that storage, so whatever a Ready had
 * not yet persisted is lost, as after a real power cut. The driver order is etcd's: persist (snapshot,
 * entries, hard state) → send → apply → advance. A pipelined node (as RaftLens' RaftLoop) sends what does not
 * vouch for its own durability when it takes a Ready, keeps up to four writes in flight and completes them in order.
 */
final class SimNode {

    /** Where a node's Ready goes: the network for messages, the checker for everything observable. */
    interface Env {
        long now();

        SafetyChecker checker();

        /** Sends a message; returns false when the network dropped it at once. */
        boolean send(Message m, long incarnation);

        RaftLogger logger();

        void trace(String event);

        /** A committed membership change was applied on this node. */
        void confChangeApplied(ConfChange cc);
    }

    final long id;
    private final SimSettings settings;
    private final long seed;
    private final Env env;
    private MemoryStorage storage = new MemoryStorage();
    private RawNode raw;                    // null while crashed
    private final ArrayDeque<Ready> inFlight = new ArrayDeque<>();
    private long incarnation;
    private ConfState confState = ConfState.getDefaultInstance();
    private long appliedIndex;
    private List<Long> peers = List.of();
    private boolean started;
    private long snapshotsInstalled;
    private long refused;

    SimNode(long id, SimSettings settings, long seed, Env env) {
        this.id = id;
        this.settings = settings;
        this.seed = seed;
        this.env = env;
    }

    /** A brand-new member of a brand-new cluster (etcd's StartNode with peers). */
    void bootstrap(List<Long> peers) {
        this.peers = List.copyOf(peers);
        started = true;
        raw = new RawNode(config());
        raw.bootstrap(peers);
    }

    /**
     * A consenter being added to a running cluster: empty storage, no peers; it learns the configuration from the
     * leader's log or snapshot once the leader has applied the change.
     */
    void join() {
        env.trace("join " + id);
        started = true;
        raw = new RawNode(config());
    }

    /** Whether this node was ever started (spare consenters are not, until added). */
    boolean started() {
        return started;
    }

    private RaftConfig config() {
        return RaftConfig.builder(id, storage)
                .applied(appliedIndex)
                .electionTick(settings.electionTick())
                .heartbeatTick(settings.heartbeatTick())
                .preVote(settings.preVote())
                .checkQuorum(settings.checkQuorum())
                .disableProposalForwarding(settings.disableProposalForwarding())
                .maxSizePerMsg(settings.maxSizePerMsg())
                .maxInflightMsgs(settings.maxInflightMsgs())
                .pipelineReadies(settings.pipelined())
                .random(new SplittableRandom(seed * 1_000_003L + id * 7919L + incarnation))
                .logger(env.logger())
                .build();
    }

    boolean running() {
        return raw != null;
    }

    RawNode raw() {
        return raw;
    }

    long incarnation() {
        return incarnation;
    }

    MemoryStorage storage() {
        return storage;
    }

    void crash() {
        env.trace("crash " + id);
        raw = null;
        inFlight.clear(); // writes in flight never reached the disk
        incarnation++;
        if (settings.faultyDisk()) {
            loseUnsyncedTail();
        }
    }

    /**
     * The injected bug of {@link SimSettings#faultyDisk()}: entries above the persisted commit index vanish in the
     * crash although the node had acknowledged them — as with a WAL that skips fsync.
     */
    private void loseUnsyncedTail() {
        MemoryStorage old = storage;
        HardState hs = old.initialState().hardState();
        MemoryStorage fresh = new MemoryStorage();
        if (old.snapshot().getMetadata().getIndex() > 0) {
            fresh.applySnapshot(old.snapshot());
        }
        long from = Math.max(old.firstIndex(), fresh.firstIndex());
        long to = Math.min(old.lastIndex(), hs.getCommit());
        if (to >= from) {
            fresh.append(old.entries(from, to + 1, Long.MAX_VALUE));
        }
        fresh.setHardState(hs);
        storage = fresh;
    }

    /**
     * Rebuilds the node from its storage; its state machine restarts from the storage's snapshot. A node that
     * died before persisting anything bootstraps again, as Fabric does when it finds no WAL.
     */
    void restart() {
        env.trace("restart " + id);
        confState = storage.initialState().confState();
        appliedIndex = snapshotIndex();
        env.checker().restarted(id, appliedIndex);
        boolean nothingPersisted = storage.lastIndex() == 0 && storage.firstIndex() == 1
                && storage.initialState().hardState().equals(HardState.getDefaultInstance());
        raw = new RawNode(config());
        if (nothingPersisted && !peers.isEmpty()) {
            raw.bootstrap(peers);
        }
    }

    Status status() {
        return raw.status();
    }

    /** A Ready to take, or (pipelined) a write in flight to complete. */
    boolean hasWork() {
        return raw != null && (raw.hasReady() || !inFlight.isEmpty());
    }

    /**
     * Does one unit of driver work. One Ready at a time: take and handle it. Pipelined: take the next Ready
     * (when {@code preferTaking} or nothing is in flight) or complete the oldest write.
     */
    void work(boolean crashAfterPersist, boolean preferTaking) {
        if (!settings.pipelined()) {
            handle(raw.ready(), crashAfterPersist, false);
            return;
        }
        if (raw.hasReady() && inFlight.size() < 4 && (preferTaking || inFlight.isEmpty())) {
            Ready rd = raw.ready();
            for (Message m : rd.messages()) {
                if (!needsDurability(m)) {
                    send(m);
                }
            }
            inFlight.add(rd);
        } else if (!inFlight.isEmpty()) {
            handle(inFlight.poll(), crashAfterPersist, true);
        }
    }

    private static boolean needsDurability(Message m) {
        MessageType t = m.getType();
        return t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp || t == MessageType.MsgPreVoteResp;
    }

    private void send(Message m) {
        if (m.getType() == MessageType.MsgVoteResp && !m.getReject()) {
            env.checker().voteGranted(m.getFrom(), m.getTerm(), m.getTo());
        }
        boolean onTheWire = env.send(m, incarnation);
        if (!onTheWire) {
            reportLost(m);
        }
    }

    /**
     * Persists and handles one Ready. With {@code crashAfterPersist} the node dies right after persisting, before
     * anything is sent or applied — the window etcd's persist-before-send rule is about. {@code earlySent}: its
     * messages that need no durability went out when it was taken.
     */
    private void handle(Ready rd, boolean crashAfterPersist, boolean earlySent) {
        SafetyChecker checker = env.checker();
        Snapshot snap = rd.snapshot();
        if (snap != null) {
            snapshotsInstalled++;
            checker.snapshotPersisted(id, snap.getMetadata());
            storage.applySnapshot(snap);
        }
        if (!rd.entries().isEmpty()) {
            long first = rd.entries().get(0).getIndex();
            checker.entriesPersisted(id, termOrUnknown(first - 1), rd.entries());
            storage.append(rd.entries());
        }
        HardState hs = rd.hardState();
        checkMustSync(rd, hs);
        if (hs != null) {
            checker.hardStatePersisted(id, hs, this::storedEntry);
            storage.setHardState(hs);
        }
        Status st = raw.status();
        if (st.role() == StateRole.LEADER) {
            checker.leaderLog(id, st.term(), storage.firstIndex(), storage.lastIndex(), this::termOrUnknown);
        }
        if (crashAfterPersist) {
            env.trace("crash " + id + " after persisting its Ready");
            crash();
            return;
        }
        for (Message m : rd.messages()) {
            if (!earlySent || needsDurability(m)) {
                send(m);
            }
        }
        if (snap != null) {
            checker.snapshotApplied(id, snap.getMetadata());
            appliedIndex = snap.getMetadata().getIndex();
            confState = snap.getMetadata().getConfState();
        }
        for (Entry e : rd.committedEntries()) {
            checker.applied(id, e);
            appliedIndex = e.getIndex();
            if (e.getType() == EntryType.EntryConfChange) {
                ConfChange cc = parse(e);
                confState = raw.applyConfChange(cc);
                if (cc.getType() == ConfChangeType.ConfChangeAddNode && appliedIndex > snapshotIndex()) {
                    snapshotNewConfiguration();
                }
                env.confChangeApplied(cc);
                if (raw == null) {
                    return;   // this node was just removed and halted
                }
            }
        }
        raw.advance(rd);
    }

    /**
     * After adding a consenter, snapshot at once: a joiner that is sent a snapshot older than its own addition
     * ignores it ("not in the ConfState", as etcd) and the leader keeps resending it, so a driver must make sure
     * the snapshot a joiner may need already names it.
     */
    private void snapshotNewConfiguration() {
        storage.createSnapshot(appliedIndex, confState, ByteString.copyFromUtf8("applied=" + appliedIndex));
        env.trace("snapshot " + id + " at " + appliedIndex + " for the new configuration " + confState.getVotersList());
    }

    /**
     * etcd's rule for MustSync: new entries, or a changed term or vote, must be fsynced before anything is sent
     * (a vote or an acknowledgement must survive a crash). A Ready that needs it but says otherwise would let a
     * real WAL skip the fsync.
     */
    private void checkMustSync(Ready rd, HardState hs) {
        HardState prev = storage.initialState().hardState();
        boolean required = !rd.entries().isEmpty()
                || hs != null && (hs.getTerm() != prev.getTerm() || hs.getVote() != prev.getVote());
        if (required && !rd.mustSync()) {
            throw new InvariantViolation("node " + id + " produced a Ready with mustSync=false although it holds "
                    + rd.entries().size() + " entries and hard state " + hs + " after " + prev);
        }
    }

    /** The transport could not deliver {@code m}: tell raft, as etcd's transport does. */
    void reportLost(Message m) {
        if (raw == null) {
            return;
        }
        if (m.getType() == MessageType.MsgSnap) {
            raw.reportSnapshot(m.getTo(), true);
        } else {
            raw.reportUnreachable(m.getTo());
        }
    }

    void reportSnapshotDelivered(long to) {
        if (raw != null) {
            raw.reportSnapshot(to, false);
        }
    }

    /** Delivers a network message; errors the core reports for a message it may refuse are traced, not fatal. */
    void receive(Message m) {
        try {
            raw.step(m);
        } catch (RaftException e) {
            refused++;
            env.trace(id + " refused " + m.getType() + " from " + m.getFrom() + ": " + e);
        }
    }

    /** Snapshots the state machine at its applied index and compacts all but the last {@code keep} entries. */
    void compact(long keep) {
        if (appliedIndex <= snapshotIndex()) {
            return;
        }
        storage.createSnapshot(appliedIndex, confState, ByteString.copyFromUtf8("applied=" + appliedIndex));
        long compactTo = appliedIndex - keep;
        if (compactTo > storage.firstIndex() - 1) {
            storage.compact(compactTo);
        }
        env.trace("compact " + id + " snapshot at " + appliedIndex + ", log from " + storage.firstIndex());
    }

    /** Network messages the core refused with an exception (e.g. a response from a peer it does not know yet). */
    long refused() {
        return refused;
    }

    long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    long snapshotIndex() {
        return storage.snapshot().getMetadata().getIndex();
    }

    long appliedIndex() {
        return appliedIndex;
    }

    Entry storedEntry(long index) {
        if (index < storage.firstIndex() || index > storage.lastIndex()) {
            return null;
        }
        return storage.entries(index, index + 1, Long.MAX_VALUE).get(0);
    }

    /** Term of {@code index} in the persisted log (or of the snapshot), -1 when the storage cannot tell. */
    long termOrUnknown(long index) {
        if (index < storage.firstIndex() - 1 || index > storage.lastIndex()) {
            return -1;
        }
        return storage.term(index);
    }

    private static ConfChange parse(Entry e) {
        try {
            return ConfChange.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError("committed conf change entry " + e.getIndex() + " does not parse", ex);
        }
    }
}
