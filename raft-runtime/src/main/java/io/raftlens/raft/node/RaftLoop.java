package io.raftlens.raft.node;

import io.raftlens.raft.core.RaftIds;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.SoftState;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.Status;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.core.pb.Snapshot;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import io.raftlens.raft.wal.RaftDisk;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Raft loop of one group on one node: a single thread owns the {@link RawNode} and its {@link MemoryStorage}.
 *
 * <p>Ready ordering ({@link ReadyOrder}). By default Fabric's ({@code node.go}): one Ready at a time, persisted
 * (WAL + fsync), its committed entries applied, Advance, and only then every message sent, so nothing leaves the
 * node before its own write. With {@link ReadyOrder#PIPELINED}, Readys are pipelined (etcd's asynchronous
 * storage writes): the loop takes the next Ready
 * while earlier ones are still being written, up to {@value #MAX_READIES_IN_FLIGHT}, so a slow fsync on the
 * leader does not hold back the appends of blocks proposed meanwhile. Messages that do not vouch for local
 * durability (the leader's appends and heartbeats, vote requests) are sent at once; its hard state, entries and
 * snapshot go to the WAL's writer thread ({@link RaftDisk#persist}: append, group-committed fsync, in the order
 * taken); when a Ready and every Ready before it are durable, the loop thread puts them into the MemoryStorage,
 * sends the responses that needed the fsync (append acks, votes — the leader's own ack too, so it counts itself
 * only once durable), hands the committed entries to the applier (conf changes applied to the RawNode right
 * there), and advances: per Ready persist → send → apply → advance, never reordered. A Ready holding a snapshot
 * is written alone (its snapshot file goes first, then the WAL).
 *
 * <p>While Readys are being persisted the loop keeps ticking and stepping inbound messages (as etcd's own
 * node goroutine does while the application holds a Ready), so CheckQuorum still steps a leader down during an
 * fsync stall (etcd#13527); the loop polls the role on every tick during that time, so the chain stops serving
 * requests without waiting for the stalled fsync. Ticks come from a scheduler that only enqueues.
 *
 * <p>Driver invariant (pipelined): a Ready's durability-bound messages are released, its entries put into the
 * MemoryStorage and the Ready advanced only once it and every Ready taken before it are durable, in the order
 * taken. The core's term guard (an append acknowledged under an older term does not stabilize entries) keeps the
 * log right even if a driver broke this order; the invariant also keeps acknowledgements truthful.
 */
final class RaftLoop {

    /** Callbacks on the loop thread; implementations must not block. */
    interface Listener {
        /** Role, leader or term changed (from a Ready, or from a poll while a Ready is being persisted). */
        void stateChanged(StateRole role, long leader, long term);

        /**
         * Committed entries in log order, after they are durable; for the applier. Conf changes among them have
         * already been applied to the Raft node.
         */
        void committed(List<Entry> entries);

        /**
         * Entries a quorum has made durable, as soon as a Ready names them committed — maybe before this node's
         * own copy is durable (they are handed to {@link #committed} once it is). For acknowledging clients.
         */
        void quorumCommitted(List<Entry> entries);

        /** A snapshot from the leader was installed (this node was too far behind for log replay). */
        void snapshotInstalled(Snapshot snapshot);

        /** One Ready's persistence took this long. */
        void persisted(long nanos);

        /** An inbound pre-vote or vote response, before the core steps it (election statistics). */
        void voteResponse(Message response);

        /** This node plus the peers heard from within the last election timeout. */
        void activeNodes(int count);
    }

    private static final int MAX_PENDING_TICKS = 128;
    private static final Runnable NOOP = () -> { };
    private static final int MAX_INBOUND = 16_384;
    private static final int MAX_READIES_IN_FLIGHT = 8;

    private final String channel;
    private final long id;
    private final RawNode node;
    private final MemoryStorage storage;
    private final RaftDisk disk;
    private final MessageSender sender;
    private final Listener listener;
    private final RaftLogger log;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingTicks = new AtomicInteger();
    private final AtomicInteger inbound = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean campaignQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread thread;

    private volatile boolean running;
    /** Readys taken and not yet advanced, oldest first. */
    private final ArrayDeque<Flight> inFlight = new ArrayDeque<>();
    private volatile ConfState confState;
    private StateRole role = StateRole.FOLLOWER;
    private long leader;
    private long term;
    private boolean campaigning;
    private final java.util.Map<Long, Long> lastHeardTick = new java.util.HashMap<>();
    private final int electionTick;
    private final boolean pipelined;
    /** Readys this loop may have taken and not yet advanced: 1 in Fabric's order. */
    private final int maxInFlight;
    private long ticks;
    private int lastActive = -1;

    RaftLoop(String channel, long id, RawNode node, MemoryStorage storage, ConfState confState,
             RaftDisk disk, MessageSender sender, Listener listener, RaftLogger log, int electionTick,
             ReadyOrder order) {
        this.electionTick = electionTick;
        this.pipelined = order == ReadyOrder.PIPELINED;
        this.maxInFlight = pipelined ? MAX_READIES_IN_FLIGHT : 1;
        this.channel = channel;
        this.id = id;
        this.node = node;
        this.storage = storage;
        this.confState = confState;
        this.disk = disk;
        this.sender = sender;
        this.listener = listener;
        this.log = log;
        this.thread = daemon(this::run, "raft-loop-" + channel + "-" + id);
        this.term = node.status().term();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        running = true;
        thread.start();
    }

    /**
     * Called by the tick scheduler: never blocks; ticks pile up (bounded) while the loop is busy. The loop runs
     * them after stepping every message already queued, so a busy loop does not time out a leader whose
     * heartbeats are waiting in the queue.
     */
    void tick() {
        if (pendingTicks.getAndIncrement() == 0) {
            tasks.add(NOOP);
        }
    }

    /** Inbound message from the transport; dropped when the loop is far behind (Raft tolerates loss). */
    boolean receive(Message m) {
        if (inbound.incrementAndGet() > MAX_INBOUND) {
            inbound.decrementAndGet();
            return false;
        }
        tasks.add(() -> {
            inbound.decrementAndGet();
            step(m);
        });
        return true;
    }

    /** Runs {@code task} on the loop thread with the RawNode (proposals, transfers, status reads). */
    void submit(Consumer<RawNode> task) {
        tasks.add(() -> task.accept(node));
    }

    /** Starts proposing a campaign every two heartbeats until a leader is known (Fabric's first campaigner). */
    void campaignUntilLeader() {
        tasks.add(() -> campaigning = true);
    }

    boolean campaigning() {
        return campaigning;
    }

    /**
     * Called by the campaign ticker: campaigns again while there is no leader (pre-votes sent before the peers
     * were up were lost), but never as a candidate: that would bump the term whenever an fsync or a round trip
     * takes longer than the ticker; a candidate retries on its own election timeout.
     */
    void campaignTick() {
        if (campaignQueued.compareAndSet(false, true)) {
            tasks.add(() -> {
                campaignQueued.set(false);
                if (campaigning && leader == 0) {
                    Status st = node.status();
                    if (st.leader() == 0 && st.role() != StateRole.CANDIDATE && st.role() != StateRole.LEADER) {
                        node.campaign();
                    }
                }
            });
        }
    }

    /**
     * Local snapshot at {@code index} (its block is durable in the ledger); keeps a few entries for catch-up. The
     * future completes once it is saved, or not taken (behind the storage's snapshot), or failed.
     */
    java.util.concurrent.CompletableFuture<Void> takeSnapshot(long index, ByteString data, long keepEntries) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        tasks.add(() -> {
            if (index <= storage.firstIndex() - 1) {
                done.complete(null);
                return;
            }
            Snapshot snap;
            try {
                snap = storage.createSnapshot(index, confState, data);
                long compactTo = index - keepEntries;
                if (compactTo > storage.firstIndex()) {
                    storage.compact(compactTo);
                }
            } catch (RuntimeException e) {
                done.complete(null); // the next snapshot may still be taken
                throw e;
            }
            disk.saveLocalSnapshot(snap).whenComplete((v, err) -> {
                if (err != null && running) {
                    log.error("Failed to save snapshot at index " + index + ": " + err.getMessage());
                }
                done.complete(null);
            });
        });
        return done;
    }

    /**
     * This node and the peers heard from within the last election timeout (Fabric's ActiveNodes, the basis of the
     * active_nodes metric). Loop thread only: call it from a {@link #submit} task.
     */
    Set<Long> activeIds() {
        Set<Long> out = new TreeSet<>();
        out.add(id);
        lastHeardTick.forEach((peer, heard) -> {
            if (ticks - heard <= electionTick) {
                out.add(peer);
            }
        });
        return out;
    }

    ConfState confState() {
        return confState;
    }

    /**
     * Stops the loop. Graceful: waits for the Ready being persisted and closes the WAL with a flush.
     * Crash: drops everything not yet synced.
     */
    void stop(boolean graceful) {
        running = false;
        tasks.add(() -> { });
        if (graceful) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            disk.close();
        } else {
            thread.interrupt();
            disk.kill();
        }
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>();
        while (running) {
            try {
                Runnable first = tasks.take();
                first.run();
                batch.clear();
                tasks.drainTo(batch, 256);
                for (Runnable r : batch) {
                    r.run();
                }
                if (pendingTicks.get() > 0 && running) {
                    runTicks();
                }
                if (running && !inFlight.isEmpty() && role != StateRole.LEADER) {
                    followerDuringPersist();
                }
                if (running) {
                    maybeReady();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("raft loop error: " + e);
                org.slf4j.LoggerFactory.getLogger(RaftLoop.class).error("raft loop error channel={} node={}", channel, id, e);
            }
        }
    }

    private void runTicks() {
        int n = pendingTicks.getAndSet(0);
        if (n > MAX_PENDING_TICKS) {
            log.warn(RaftIds.hex(id) + " A tick missed to fire. Node blocks too long!");
            n = MAX_PENDING_TICKS;
        }
        for (int i = 0; i < n; i++) {
            node.tick();
        }
        ticks += n;
        int active = activeIds().size();
        if (active != lastActive) {
            lastActive = active;
            listener.activeNodes(active);
        }
        if (!inFlight.isEmpty()) {
            // A Ready in flight hides soft-state changes until Advance; poll so a stalled fsync does not
            // keep the chain serving as leader after CheckQuorum stepped it down.
            Status st = node.status();
            observe(st.role(), st.leader(), st.term());
        }
    }

    /**
     * While Readys are being persisted the next one, which carries the soft state, may have to wait (eight in
     * flight, or a snapshot being written). A node that has meanwhile
     * heard from a new leader (say a voter still syncing its vote when the winner's first append arrives) reports
     * it now rather than after its fsync: only a follower's view is published early, never leadership, which the
     * chain must not act on before its term and vote are durable.
     */
    private void followerDuringPersist() {
        Status st = node.status();
        if (st.role() == StateRole.FOLLOWER) {
            observe(st.role(), st.leader(), st.term());
        }
    }

    private void step(Message m) {
        lastHeardTick.put(m.getFrom(), ticks);
        if (m.getType() == MessageType.MsgPreVoteResp || m.getType() == MessageType.MsgVoteResp) {
            listener.voteResponse(m);
        }
        try {
            node.step(m);
        } catch (RuntimeException e) {
            // Unknown peer or a local type from the wire: drop, as etcd's transport does.
            if (log.isDebugEnabled()) {
                log.debug(RaftIds.hex(id) + " dropped " + m.getType() + " from " + RaftIds.hex(m.getFrom()) + ": " + e.getMessage());
            }
        }
    }

    /** A Ready taken from the RawNode; durable once its write (and every earlier one) completed. */
    private static final class Flight {
        final Ready ready;
        boolean durable;

        Flight(Ready ready) {
            this.ready = ready;
        }
    }

    private void maybeReady() {
        if (inFlight.size() >= maxInFlight || !node.hasReady()) {
            return;
        }
        if (!inFlight.isEmpty() && inFlight.peekLast().ready.snapshot() != null) {
            return; // a snapshot's WAL records must not be overtaken by later entries
        }
        Ready rd = node.ready();
        SoftState ss = rd.softState();
        long newTerm = rd.hardState() != null ? rd.hardState().getTerm() : term;
        if (ss != null) {
            observe(ss.role(), ss.leader(), newTerm);
        } else if (newTerm != term) {
            observe(role, leader, newTerm);
        }
        // Only responses that vouch for this node's own log or vote (append acks, votes) wait for the fsync;
        // the leader's appends and heartbeats go out now, so replication overlaps the leader's own fsync (Raft
        // thesis §10.2.1; the leader counts itself only once durable) and a slow disk does not delay heartbeats.
        if (pipelined) {
            send(rd.messages(), false);
        }
        if (!rd.committedEntries().isEmpty()) {
            listener.quorumCommitted(rd.committedEntries());
        }
        Flight flight = new Flight(rd);
        inFlight.add(flight);
        boolean needsPersist = rd.snapshot() != null || !rd.entries().isEmpty() || rd.hardState() != null;
        if (!needsPersist) {
            flight.durable = true;
            completeDurable();
            return;
        }
        long t0 = System.nanoTime();
        disk.persist(rd.snapshot(), rd.hardState(), rd.entries(), rd.mustSync()).whenComplete((v, err) -> {
            if (err != null) {
                if (running) {
                    // Never advance past state that is not durable: this group stops making progress.
                    log.error("Failed to persist etcd/raft data: " + err.getMessage());
                }
                return;
            }
            long took = System.nanoTime() - t0;
            tasks.add(() -> {
                listener.persisted(took);
                flight.durable = true;
                completeDurable();
            });
        });
    }

    /** Finishes the oldest Readys that are durable, in the order they were taken. */
    private void completeDurable() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().durable) {
            afterPersist(inFlight.pollFirst().ready);
        }
    }

    private void afterPersist(Ready rd) {
        if (rd.snapshot() != null) {
            storage.applySnapshot(rd.snapshot());
            confState = rd.snapshot().getMetadata().getConfState();
            listener.snapshotInstalled(rd.snapshot());
        }
        if (rd.hardState() != null) {
            storage.setHardState(rd.hardState());
        }
        if (!rd.entries().isEmpty()) {
            storage.append(rd.entries());
        }
        if (pipelined) {
            send(rd.messages(), true);
        }
        for (Entry e : rd.committedEntries()) {
            if (e.getType() == EntryType.EntryConfChange) {
                applyConfChange(e);
            }
        }
        if (!rd.committedEntries().isEmpty()) {
            // Conf changes go to the applier too, in log order with the blocks: a config block is written before
            // the conf change it asked for is reported applied. Empty entries too: a new leader's empty entry
            // tells the applier it caught up.
            listener.committed(rd.committedEntries());
        }
        node.advance(rd);
        if (!pipelined) {
            // Fabric's node.go: Store, apply, Advance, then send(rd.Messages).
            for (Message m : rd.messages()) {
                sendOne(m);
            }
        }
    }

    /** Sends the messages that must wait for durability ({@code durable}) or those that need not. */
    private void send(List<Message> messages, boolean durable) {
        for (Message m : messages) {
            if (needsDurability(m) == durable) {
                sendOne(m);
            }
        }
    }

    /** Fabric's node.send: ReportUnreachable for any message that could not be sent, ReportSnapshot for every MsgSnap. */
    private void sendOne(Message m) {
        boolean sent = sender.send(channel, m);
        if (!sent) {
            node.reportUnreachable(m.getTo());
        }
        if (m.getType() == MessageType.MsgSnap) {
            node.reportSnapshot(m.getTo(), !sent);
        }
    }

    private static boolean needsDurability(Message m) {
        MessageType t = m.getType();
        return t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp || t == MessageType.MsgPreVoteResp;
    }

    private void applyConfChange(Entry e) {
        try {
            confState = node.applyConfChange(ConfChange.parseFrom(e.getData()));
        } catch (InvalidProtocolBufferException ex) {
            log.error("cannot decode conf change at index " + e.getIndex() + ": " + ex.getMessage());
        }
    }

    private void observe(StateRole newRole, long newLeader, long newTerm) {
        if (newLeader != leader) {
            // RawNode itself logs the "raft.node: … elected/changed/lost leader" lines.
            if (campaigning && newLeader != 0) {
                log.info("Leader " + newLeader + " is present, quit campaign");
                campaigning = false;
            }
        }
        if (newRole != role || newLeader != leader || newTerm != term) {
            role = newRole;
            leader = newLeader;
            term = newTerm;
            listener.stateChanged(newRole, newLeader, newTerm);
        }
    }
}
