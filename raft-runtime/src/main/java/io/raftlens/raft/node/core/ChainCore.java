package io.raftlens.raft.node.core;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.Progress;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.orderer.BatchTimer;
import io.raftlens.raft.orderer.BlockCutter;
import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.GoDuration;
import io.raftlens.raft.orderer.TransactionRejectedException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One channel's ordering on one node as a deterministic state machine (Fabric etcdraft {@code chain.go}: the
 * leader's block cutting, block creation, MaxInflightBlocks, serving only once the previous term's entries are
 * applied, and the answers to clients). Every method is an event and returns the {@link ChainAction}s the driver
 * must carry out, in order. Not thread-safe: the driver calls it from one thread.
 *
 * <h2>Serving state</h2>
 * <pre>
 *   FOLLOWER ──(this node elected)──▶ CATCHING_UP ──(an entry of its term applied)──▶ SERVING
 *      ▲                                   │                                              │
 *      └──────────(leadership lost)────────┴──────────────(leadership lost)───────────────┘
 *   any ──(halt: eviction or chain failure)──▶ HALTED (final)
 * </pre>
 * Broadcasts are ordered only in SERVING; otherwise they are answered SERVICE_UNAVAILABLE with the reason (no
 * leader, the leader's id, still applying, chain stopped). Within SERVING, intake waits (queued, not refused) while
 * MaxInflightBlocks blocks are in flight or after a failed proposal until the blocks in flight are applied, and is
 * refused while a config block is being applied ({@link #configPause}).
 *
 * <h2>Answers</h2>
 * A broadcast's token is accepted ({@link ChainAction.Accept}) when the block cutter takes it in (Fabric's
 * {@code Order} returns then, and the client gets SUCCESS), before its block is cut. It is answered once: SUCCESS when a Ready reports its block committed by a quorum
 * ({@link #quorumCommitted}) or when the block is applied; SERVICE_UNAVAILABLE when its batch is discarded
 * (leadership lost before the cut), its block was replaced by another leader's block with the same number, the
 * proposal was dropped, or the chain halts. Blocks proposed before a leadership change stay in flight: they may
 * still commit under the next leader.
 */
public final class ChainCore {

    /** The explicit serving state (see the class comment for its transitions). */
    public enum Serving { FOLLOWER, CATCHING_UP, SERVING, HALTED }

    /** Waiting broadcasts beyond this are refused rather than queued. */
    public static final int MAX_WAITING_SUBMITS = 200_000;

    private record InflightBlock(long number, ByteString dataHash, List<Long> tokens) {
    }

    private record Waiting(long token, Envelope env) {
    }

    /**
     * Where applying stands when the Raft node starts: the Raft index of the ledger's last block, the block of the
     * last snapshot (0: none) and the Raft voters as recovered (Fabric's {@code appliedIndex}, {@code lastSnapBlockNum}
     * and {@code confState}).
     */
    public record Applied(long index, long snapshotBlock, List<Long> voters) {
        public Applied {
            voters = List.copyOf(voters);
        }
    }

    private final long id;
    private final int maxInflightBlocks;
    private final RaftLogger log;
    private final BlockCutter cutter;

    private Serving serving = Serving.FOLLOWER;
    private StateRole role = StateRole.FOLLOWER;
    private long leader;
    private long term;
    private long electedTerm;
    /** After a dropped proposal: no new blocks until those in flight are applied (the next must follow them). */
    private boolean paused;
    private String configPause;
    private String haltReason = "";
    /** Fabric's eviction suspicion (created at the first check). */
    private EvictionSuspector suspector;
    /** The snapshot block being caught up with, or -1. */
    private long catchUpTarget = -1;
    private Duration catchUpRetry = Duration.ofSeconds(1);
    /** An abdication is waiting for another node to lead. */
    private boolean abdicating;
    /** The ledger's last block (this core decides every write, so it knows it). */
    private Block lastBlock;
    /** The Raft index of the last entry applied (Fabric's {@code appliedIndex}). */
    private long appliedIndex;
    /** The Raft voters as applied (Fabric's {@code confState.Voters}). */
    private final java.util.TreeSet<Long> voters = new java.util.TreeSet<>();
    private SnapshotTrigger snapshots;
    /** The Raft index of the snapshot being caught up with, or -1; committed batches wait in {@link #deferred}. */
    private long catchUpIndex = -1;
    private List<Long> catchUpVoters = List.of();
    private final ArrayDeque<List<Entry>> deferred = new ArrayDeque<>();
    private BlockFactory factory;
    private final ArrayDeque<InflightBlock> inflight = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final List<Long> pendingBatch = new ArrayList<>();
    private List<ChainAction> out = new ArrayList<>();
    /** Where the actions decided so far go after each applied entry; null: returned with the event's others. */
    private java.util.function.Consumer<List<ChainAction>> entrySink;

    /**
     * @param lastBlock            the ledger's last block (a new leader's blocks follow it)
     * @param snapshotIntervalSize SnapshotIntervalSize: bytes of blocks applied between two local snapshots
     */
    public ChainCore(long id, BatchSize batchSize, Duration batchTimeout, int maxInflightBlocks, Block lastBlock,
                     long snapshotIntervalSize, RaftLogger log) {
        this.id = id;
        this.maxInflightBlocks = maxInflightBlocks;
        this.log = log;
        this.lastBlock = lastBlock;
        this.snapshots = new SnapshotTrigger(snapshotIntervalSize, 0);
        this.cutter = new BlockCutter(batchSize, batchTimeout, new BatchTimer() {
            @Override
            public void start(Duration timeout) {
                out.add(new ChainAction.StartBatchTimer(timeout));
            }

            @Override
            public void stop() {
                out.add(new ChainAction.StopBatchTimer());
            }
        });
    }

    public Serving serving() {
        return serving;
    }

    public StateRole role() {
        return role;
    }

    public long leader() {
        return leader;
    }

    public long term() {
        return term;
    }

    public int inflightBlocks() {
        return inflight.size();
    }

    public int waitingBroadcasts() {
        return waiting.size();
    }

    /** Why the chain halted ("" unless HALTED). */
    public String haltReason() {
        return haltReason;
    }

    // ---- events -----------------------------------------------------------------------------------------------

    /**
     * The Raft node starts (Fabric etcdraft {@code node.start}): on a new channel exactly one consenter, picked from
     * the channel id ({@link FirstCampaign}), campaigns at once instead of every node waiting an election timeout.
     */
    public List<ChainAction> start(StartMode mode, String channel, List<Long> consenterIds) {
        return start(mode, channel, consenterIds, new Applied(0, 0, consenterIds));
    }

    /** As {@link #start(StartMode, String, List)}, from where applying stands ({@code applied}, from recovery). */
    public List<ChainAction> start(StartMode mode, String channel, List<Long> consenterIds, Applied applied) {
        appliedIndex = applied.index();
        voters.clear();
        voters.addAll(applied.voters());
        snapshots = new SnapshotTrigger(snapshots.sizeLimit(), applied.snapshotBlock());
        begin();
        switch (mode) {
            case JOIN -> log.info("Starting raft node to join an existing channel");
            case RESTART -> log.info("Restarting raft node");
            case FRESH -> {
                log.info("Starting raft node as part of a new channel");
                if (FirstCampaign.campaigner(channel, consenterIds.size()) == id) {
                    log.info("This node is picked to start campaign");
                    out.add(new ChainAction.CampaignUntilLeader());
                }
            }
        }
        return end();
    }

    /**
     * Where a broadcast goes that this node receives (Fabric's etcdraft {@code Submit}: the run loop answers with the
     * leader of its soft state): {@link Route#ORDER} here, {@link Route#FORWARD} to {@link #leader()}, or
     * {@link Route#REFUSE} with {@link #notServing()} (halted; no Raft leader, which includes a (pre-)candidate).
     */
    public Route route() {
        if (serving == Serving.HALTED) {
            return Route.REFUSE;
        }
        if (role == StateRole.CANDIDATE || role == StateRole.PRE_CANDIDATE || leader == 0) {
            return Route.REFUSE; // Fabric's run loop answers raft.None to a (pre-)candidate's Submit
        }
        return leader == id ? Route.ORDER : Route.FORWARD;
    }

    /** The answer of {@link #route()}. */
    public enum Route { ORDER, FORWARD, REFUSE }

    /**
     * A broadcast (already admitted by the envelope checks), answered through {@code token}; a follower forwards it
     * to the leader ({@link ChainAction.Forward}, logged as Fabric logs it), a node that knows no leader refuses it
     * ("no Raft leader"), the leader orders it.
     */
    public List<ChainAction> submit(long token, Envelope env) {
        begin();
        if (route() == Route.FORWARD) {
            forward(token);
        } else if (serving != Serving.SERVING) {
            reply(token, notServing());
        } else if (configPause != null) {
            reply(token, Answer.unavailable(configPause, id));
        } else if (paused || inflight.size() >= maxInflightBlocks || !waiting.isEmpty()) {
            if (waiting.size() >= MAX_WAITING_SUBMITS) {
                reply(token, Answer.unavailable("too many transactions waiting to be ordered", leader));
            } else {
                waiting.add(new Waiting(token, env));
            }
        } else {
            order(token, env);
        }
        return end();
    }

    /**
     * A config block set the channel's BatchSize and BatchTimeout: the cutter uses them from the next message on, as
     * Fabric's block cutter reads the orderer config on every call.
     *
     * @throws IllegalArgumentException with Fabric's message for values a channel config may not hold
     */
    public void batchConfig(BatchSize batchSize, Duration batchTimeout) {
        cutter.update(batchSize, batchTimeout);
    }

    /**
     * Config block {@code number} ({@code config}) follows the config block {@code before}: when it changes BatchSize
     * or BatchTimeout, the cutter takes them (only then: the launch may run with other values than block 0 holds);
     * values a channel config may not hold keep the current ones, with a warning. Returns the BatchSize in force when
     * it changed.
     */
    public Optional<BatchSize> batchConfig(io.raftlens.raft.orderer.GenesisBlock.OrderingConfig before,
                                           io.raftlens.raft.orderer.GenesisBlock.OrderingConfig config, long number) {
        if (config.batchSize().equals(before.batchSize()) && config.batchTimeout().equals(before.batchTimeout())) {
            return Optional.empty();
        }
        try {
            cutter.update(config.batchSize(), config.batchTimeout());
        } catch (IllegalArgumentException e) {
            log.warn("Config block [" + number + "]: keeping the current batch settings: " + e.getMessage());
            return Optional.empty();
        }
        log.info("Config block [" + number + "] sets BatchSize (MaxMessageCount " + config.batchSize().getMaxMessageCount()
                + ", AbsoluteMaxBytes " + Integer.toUnsignedString(config.batchSize().getAbsoluteMaxBytes())
                + ", PreferredMaxBytes " + Integer.toUnsignedString(config.batchSize().getPreferredMaxBytes())
                + ") and BatchTimeout " + GoDuration.format(config.batchTimeout()));
        return Optional.of(config.batchSize());
    }

    /** The BatchTimeout fired: cut what is pending. */
    public List<ChainAction> batchTimeout() {
        begin();
        if (serving == Serving.SERVING) {
            List<Envelope> batch = cutter.timeout();
            if (!batch.isEmpty()) {
                propose(batch);
            }
        }
        return end();
    }

    /**
     * Whether the role change {@link #roleChanged} is about to be told takes leadership from this node: it led, and
     * another node or none leads now, or it stepped down (CheckQuorum) while the leader field still names it.
     */
    public boolean losesLeadership(StateRole newRole, long newLeader) {
        return leader == id && (newLeader != id || role == StateRole.LEADER && newRole != StateRole.LEADER);
    }

    /** Raft's role, leader or term changed (Fabric: a Ready's SoftState). */
    public List<ChainAction> roleChanged(StateRole newRole, long newLeader, long newTerm) {
        begin();
        if (newLeader != leader) {
            log.info("Raft leader changed: " + leader + " -> " + newLeader);
            if (newLeader == id) {
                becomeLeader(newTerm);
            }
            if (leader == id) {
                becomeFollower();
            }
        }
        if (role == StateRole.LEADER && newRole != StateRole.LEADER && leader == id && newLeader == id) {
            becomeFollower(); // stepped down (CheckQuorum) while the leader field still names us
        }
        role = newRole;
        leader = newLeader;
        term = newTerm;
        if (abdicating && newLeader != 0 && newLeader != id) {
            abdicating = false;
            log.info("Leader has been transferred from " + id + " to " + newLeader);
            out.add(new ChainAction.AbdicationDone(newLeader));
        }
        return end();
    }

    /**
     * Fabric's {@code abdicateLeadership} (node.go), when this node stops while it leads: hand leadership to a
     * follower that is recently active and not paused, then wait {@code timeToWait} (ElectionTick × TickInterval)
     * for another node to lead. {@code lead} and {@code progress} are the Raft node's status now. Fabric takes
     * the first qualified follower in Go map order (random); this core takes the qualified one with the highest
     * match (ties: the lowest id), so a script always gives the same answer.
     */
    public List<ChainAction> abdicate(long lead, Map<Long, Progress> progress, Duration timeToWait) {
        begin();
        if (lead == 0) {
            log.warn("No leader, cannot transfer leadership");
            out.add(new ChainAction.AbdicationDone(0));
        } else if (lead != id) {
            log.warn("Leader has changed since asked to transfer leadership");
            out.add(new ChainAction.AbdicationDone(lead));
        } else {
            long to = transferee(id, progress);
            if (to == 0) {
                log.error("No follower is qualified as transferee, abort leader transfer");
                out.add(new ChainAction.AbdicationDone(0));
            } else {
                log.info("Transferring leadership to " + to);
                log.info("Will wait " + GoDuration.format(timeToWait) + " time to abdicate");
                abdicating = true;
                out.add(new ChainAction.TransferLeadership(to));
                out.add(new ChainAction.StartAbdicationTimer(timeToWait));
            }
        }
        return end();
    }

    /** The abdication timer fired before another node led. */
    public List<ChainAction> abdicationTimeout() {
        begin();
        if (abdicating) {
            abdicating = false;
            log.warn("Leader transfer timed out");
            out.add(new ChainAction.AbdicationDone(0));
        }
        return end();
    }

    /**
     * The follower a leader hands over to: recently active and not paused (Fabric's qualification), the highest
     * match among those, the lowest id on a tie; 0 when none qualifies.
     */
    public static long transferee(long self, Map<Long, Progress> progress) {
        long best = 0;
        long bestMatch = -1;
        for (Map.Entry<Long, Progress> p : new java.util.TreeMap<>(progress).entrySet()) {
            Progress pr = p.getValue();
            if (p.getKey() != self && pr.recentActive() && !pr.paused() && pr.match() > bestMatch) {
                best = p.getKey();
                bestMatch = pr.match();
            }
        }
        return best;
    }

    /** Entries a quorum has made durable (maybe before this node's own write): answer their clients now. */
    public List<ChainAction> quorumCommitted(List<Entry> entries) {
        begin();
        if (serving != Serving.HALTED && !inflight.isEmpty()) {
            for (Entry e : entries) {
                if (e.getType() != EntryType.EntryNormal || e.getData().isEmpty()) {
                    continue;
                }
                Optional<BlockHeader> header = Blocks.header(e.getData());
                if (header.isEmpty()) {
                    continue;
                }
                for (InflightBlock b : inflight) {
                    if (b.number() == header.get().getNumber() && b.dataHash().equals(header.get().getDataHash())) {
                        answerAll(b.tokens(), Answer.success(b.number()));
                    }
                }
            }
        }
        return end();
    }

    /**
     * A batch of committed entries to apply, in order (Fabric etcdraft {@code apply}, chain.go): a normal entry's
     * block is written when it is the ledger's next ({@link ChainAction.AppendBlock}, Fabric's {@code writeBlock});
     * entries at or below the applied index are not applied again (a conf change is, as a replay that only rebuilds
     * the voters); a conf change that removes this node halts the chain, the rest of the batch unapplied; a conf change
     * that adds a node takes a snapshot it can join from. At the end of the batch, the snapshot trigger
     * ({@link SnapshotTrigger}). While a snapshot from the leader is being caught up with, batches wait.
     */
    public List<ChainAction> apply(List<Entry> entries) {
        begin();
        applyBatch(entries);
        return end();
    }

    /**
     * Hands the actions decided so far to {@code sink} after each applied entry, before the next one is decided, instead
     * of returning them all with the event: the driver writes a block (and logs what its config changes) before the
     * next entry's lines, in Fabric's order, and a halt it carries out stops the batch. Scripts leave it unset.
     */
    public void carryOutEachEntry(java.util.function.Consumer<List<ChainAction>> sink) {
        this.entrySink = sink;
    }

    /** The snapshot of the last {@link ChainAction.TakeSnapshot} is saved: the next may be taken. */
    public List<ChainAction> snapshotTaken() {
        begin();
        snapshots.taken();
        return end();
    }

    /** The Raft index of the last entry applied. */
    public long appliedIndex() {
        return appliedIndex;
    }

    /**
     * A committed entry of term {@code entryTerm} was applied; {@code written} is the block it held once written
     * to the ledger (null for an empty entry or a conf change).
     */
    public List<ChainAction> entryApplied(long entryTerm, Block written) {
        begin();
        entryDone(entryTerm, written);
        return end();
    }

    /**
     * A snapshot from the leader was installed (Fabric etcdraft {@code catchUp}, chain.go:1048-1086): the ledger
     * must hold every block up to the snapshot's block before later entries apply. Nothing to do when it already
     * does; when only the snapshot's own block is missing it is written as is; otherwise the missing blocks are
     * pulled from the other consenters. Fabric panics when a block cannot be pulled; the core retries every
     * {@code retry}.
     */
    public List<ChainAction> snapshotReceived(Block snapshotBlock, long index, List<Long> snapshotVoters, Duration retry) {
        begin();
        long target = snapshotBlock.getHeader().getNumber();
        long last = lastBlock.getHeader().getNumber();
        catchUpRetry = retry;
        catchUpIndex = index;
        catchUpVoters = List.copyOf(snapshotVoters);
        if (last >= target) {
            log.warn("Snapshot is at block [" + target + "], local block number is " + last + ", no sync needed");
            caughtUp(target);
        } else if (target == last + 1) {
            log.info("The only missing block [" + target + "] is encapsulated in snapshot, committing it to shortcut "
                    + "catchup process");
            lastBlock = snapshotBlock;
            out.add(new ChainAction.WriteBlock(snapshotBlock));
            caughtUp(target);
        } else {
            catchUpTarget = target;
            log.info("Catching up with snapshot taken at block [" + target + "], starting from block [" + (last + 1) + "]");
            out.add(new ChainAction.PullBlocks(last + 1, target));
        }
        return end();
    }

    private void entryDone(long entryTerm, Block written) {
        if (written != null) {
            lastBlock = written;
            resolveInflight(written);
        }
        if (serving == Serving.CATCHING_UP && entryTerm >= electedTerm) {
            startServing();
        }
        drainWaiting();
    }

    private void applyBatch(List<Entry> entries) {
        if (serving == Serving.HALTED || entries.isEmpty()) {
            return;
        }
        if (catchUpIndex >= 0) {
            deferred.add(List.copyOf(entries)); // applied once the blocks up to the snapshot's are in the ledger
            return;
        }
        Entry lastWithData = null; // Fabric's ents[position]
        for (Entry e : entries) {
            if (serving == Serving.HALTED) {
                break; // this node applied its own removal
            }
            if (e.getType() == EntryType.EntryConfChange) {
                applyConfChange(e);
                carryOut();
                continue;
            }
            if (e.getType() == EntryType.EntryNormal && !e.getData().isEmpty()) {
                lastWithData = e;
                snapshots.accumulate(e.getData().size()); // re-applied entries too, as Fabric counts them
            }
            if (e.getIndex() <= appliedIndex) {
                continue; // never write a block twice
            }
            Block written = e.getType() == EntryType.EntryNormal && !e.getData().isEmpty() ? writeBlock(e) : null;
            appliedIndex = e.getIndex();
            entryDone(e.getTerm(), written);
            carryOut();
        }
        if (serving != Serving.HALTED && lastWithData != null && snapshots.due()) {
            if (snapshots.inProgress()) {
                log.warn("Snapshotting is in progress, it is very likely that SnapshotIntervalSize is too small");
            } else {
                long number = Blocks.header(lastWithData.getData()).map(BlockHeader::getNumber).orElse(-1L);
                if (number >= 0) {
                    log.info("Accumulated " + snapshots.accumulated() + " bytes since last snapshot, exceeding size "
                            + "limit (" + snapshots.sizeLimit() + " bytes), taking snapshot at block [" + number
                            + "] (index: " + appliedIndex + "), last snapshotted block number is "
                            + snapshots.lastSnapshotBlock() + ", current nodes: " + ConsenterChanges.goList(List.copyOf(voters)));
                    takeSnapshot(appliedIndex, number);
                }
            }
        }
    }

    /** Fabric's {@code writeBlock}: the block of entry {@code e} when it is the ledger's next, else null. */
    private Block writeBlock(Entry e) {
        Block block;
        try {
            block = Block.parseFrom(e.getData());
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            log.error("Raft entry " + e.getIndex() + " does not hold a block: " + ex.getMessage());
            return null;
        }
        long number = block.getHeader().getNumber();
        long expected = lastBlock.getHeader().getNumber() + 1;
        if (number < expected) {
            log.info("Got block [" + number + "], expect block [" + expected + "], this node was forced to catch up");
            return null;
        }
        if (number > expected) {
            // Fabric panics here; the blocks in between can only come from a catch-up
            log.error("Got block [" + number + "], expect block [" + expected + "] at Raft index " + e.getIndex()
                    + "; waiting for catch-up");
            return null;
        }
        log.info("Writing block [" + number + "] (Raft index: " + e.getIndex() + ") to ledger");
        if (Blocks.isConfigBlock(block)) {
            snapshotIntervalFrom(block);
        }
        out.add(new ChainAction.AppendBlock(block, e.getIndex()));
        return block;
    }

    /** Fabric's detectConfChange: a config block's SnapshotIntervalSize applies from this batch's trigger on. */
    private void snapshotIntervalFrom(Block config) {
        long bytes;
        try {
            bytes = Integer.toUnsignedLong(io.raftlens.raft.orderer.GenesisBlock.read(config).etcdRaft().getOptions()
                    .getSnapshotIntervalSize());
        } catch (RuntimeException unreadable) {
            return; // writing it fails the chain, with the reason
        }
        long before = snapshots.sizeLimit(bytes);
        if (before >= 0) {
            log.info("Update snapshot interval size to " + bytes + " bytes (was " + before + ")");
        }
    }

    private void applyConfChange(Entry e) {
        io.raftlens.raft.core.pb.ConfChange cc;
        try {
            cc = io.raftlens.raft.core.pb.ConfChange.parseFrom(e.getData());
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            log.warn("Failed to unmarshal ConfChange data: " + ex.getMessage());
            appliedIndex = Math.max(appliedIndex, e.getIndex());
            return;
        }
        boolean replay = e.getIndex() <= appliedIndex;
        boolean add = cc.getType() == io.raftlens.raft.core.pb.ConfChangeType.ConfChangeAddNode;
        boolean remove = cc.getType() == io.raftlens.raft.core.pb.ConfChangeType.ConfChangeRemoveNode;
        boolean joins = add && !voters.contains(cc.getNodeId());
        if (add) {
            voters.add(cc.getNodeId());
        } else if (remove) {
            voters.remove(cc.getNodeId());
        }
        out.add(new ChainAction.ApplyConfChange(cc, e.getIndex(), replay));
        appliedIndex = Math.max(appliedIndex, e.getIndex());
        if (replay) {
            return;
        }
        if (remove && cc.getNodeId() == id) {
            // Fabric's shouldHalt: the removal's lines are ConsenterChanges'
            String reason = "node " + id + " was removed from the consenters of the channel";
            out.add(new ChainAction.Halt(reason, true));
            halting(reason);
        } else if (joins) {
            // Not Fabric's (it rewrites the ConfState of the snapshot it sends): the last snapshot was taken before
            // the node was a member, and a node does not restore a snapshot whose ConfState lacks it.
            long number = lastBlock.getHeader().getNumber();
            log.info("Taking snapshot at block [" + number + "] (index: " + e.getIndex() + ") so that node "
                    + cc.getNodeId() + " can join from it");
            takeSnapshot(e.getIndex(), number);
        }
    }

    private void carryOut() {
        if (entrySink != null && !out.isEmpty()) {
            List<ChainAction> done = out;
            out = new ArrayList<>(); // the sink may feed the core other events meanwhile
            entrySink.accept(done);
        }
    }

    private void takeSnapshot(long index, long number) {
        snapshots.taking(number);
        out.add(new ChainAction.TakeSnapshot(index, number));
    }

    /** The ledger holds every block up to the snapshot's: apply what waited for it. */
    private void caughtUp(long target) {
        out.add(new ChainAction.CaughtUp(target, List.copyOf(catchUpVoters)));
        appliedIndex = Math.max(appliedIndex, catchUpIndex);
        voters.clear();
        voters.addAll(catchUpVoters);
        snapshots.installed(target);
        catchUpIndex = -1;
        while (!deferred.isEmpty() && catchUpIndex < 0 && serving != Serving.HALTED) {
            applyBatch(deferred.pollFirst());
        }
    }

    /** A block pulled for the catch-up. */
    public List<ChainAction> blockPulled(Block block) {
        begin();
        long n = block.getHeader().getNumber();
        if (catchUpTarget >= 0 && n == lastBlock.getHeader().getNumber() + 1) {
            lastBlock = block;
            out.add(new ChainAction.WriteBlock(block));
            if (n == catchUpTarget) {
                log.info("Finished syncing with cluster up to and including block [" + n + "]");
                catchUpTarget = -1;
                caughtUp(n);
            }
        }
        return end();
    }

    /** No consenter could serve block {@code number} of the catch-up (yet). */
    public List<ChainAction> pullFailed(long number) {
        begin();
        if (catchUpTarget >= 0) {
            log.warn("block [" + number + "] is not available from other consenters yet; retrying in "
                    + GoDuration.format(catchUpRetry));
            out.add(new ChainAction.RetryCatchUp(catchUpRetry));
        }
        return end();
    }

    /** The catch-up retry timer fired: pull what is still missing. */
    public List<ChainAction> catchUpRetry() {
        begin();
        if (catchUpTarget >= 0) {
            out.add(new ChainAction.PullBlocks(lastBlock.getHeader().getNumber() + 1, catchUpTarget));
        }
        return end();
    }

    /**
     * Fabric's periodic eviction check ({@code eviction.go} PeriodicCheck, every 10 s): a node that has known no
     * leader for {@code suspicion} suspects it was removed while it could not hear of it, and pulls the channel's
     * last config block from the other consenters. {@code nowNanos} is the driver's monotonic clock.
     */
    public List<ChainAction> evictionCheck(long nowNanos, Duration suspicion) {
        begin();
        if (serving != Serving.HALTED) {
            if (suspector == null) {
                suspector = new EvictionSuspector(suspicion);
            }
            long leaderless = suspector.check(nowNanos, leader == 0);
            if (leaderless >= 0) {
                log.info("Suspecting our own eviction from the channel for " + GoDuration.format(Duration.ofNanos(leaderless)));
                out.add(new ChainAction.PullForEviction(lastBlock.getHeader().getNumber() + 1));
            }
        }
        return end();
    }

    /**
     * What the eviction suspicion pulled: {@code pulled} from this node's height on, {@code refusedByAll} when the
     * other consenters refused this node the channel's blocks; {@code ledgerBlock} and {@code ledgerLast} read this
     * node's own ledger. Halts when the last config block no longer lists this node, then writes the pulled blocks
     * up to and including that block (Fabric's evictionSuspector.confirmSuspicion).
     */
    public List<ChainAction> evictionPulled(List<Block> pulled, boolean refusedByAll,
                                            java.util.function.LongFunction<Optional<Block>> ledgerBlock, Block ledgerLast) {
        begin();
        if (serving == Serving.HALTED) {
            return end();
        }
        EvictionSuspector.Outcome o = EvictionSuspector.judge(id, pulled, refusedByAll, ledgerBlock, ledgerLast);
        switch (o.verdict()) {
            case UNKNOWN -> log.error("Failed pulling the last config block: block [" + o.configBlock()
                    + "] is not available from the other consenters");
            case MEMBER -> {
                log.info("Last config block was found to be block [" + o.configBlock() + "]");
                log.info("Cannot confirm our own eviction from the channel, our certificate was found in config "
                        + "block with sequence " + o.configBlock());
            }
            case EVICTED -> {
                if (o.configBlock() >= 0) {
                    log.info("Last config block was found to be block [" + o.configBlock() + "]");
                    log.warn("Detected our own eviction from the channel in block [" + o.configBlock() + "]");
                } else {
                    log.warn("Detected our own eviction from the channel: the other consenters refuse to serve "
                            + "this node the channel's blocks (not a consenter of the channel)");
                }
                log.info("Waiting for chain to halt");
                String reason = "node " + id + " was removed from the consenters of the channel";
                out.add(new ChainAction.Halt(reason, true));
                halting(reason);
                if (!o.toWrite().isEmpty()) {
                    log.info("Chain has been halted, pulling remaining blocks up to (and including) eviction block.");
                    for (Block b : o.toWrite()) {
                        if (b.getHeader().getNumber() == lastBlock.getHeader().getNumber() + 1) {
                            log.info("Pulling block [" + b.getHeader().getNumber() + "]");
                            lastBlock = b;
                            out.add(new ChainAction.WriteBlock(b));
                        }
                    }
                    log.info("Pulled all blocks up to eviction block.");
                }
            }
        }
        return end();
    }

    /** Whether a snapshot's blocks are still being pulled (committed entries wait meanwhile). */
    public boolean catchingUp() {
        return catchUpTarget >= 0;
    }

    /** Raft refused the proposal of block {@code number} (and, in order, those after it). */
    public List<ChainAction> proposalFailed(long number, String reason, long leaderHint) {
        begin();
        int discarded = 0;
        for (Iterator<InflightBlock> it = inflight.iterator(); it.hasNext(); ) {
            InflightBlock b = it.next();
            if (b.number() >= number) {
                answerAll(b.tokens(), Answer.unavailable(reason, leaderHint));
                it.remove();
                discarded++;
            }
        }
        log.error("Failed to propose block [" + number + "] to raft and discard " + Math.max(0, discarded - 1)
                + " blocks in queue: " + reason);
        // The next block must follow the last block still in flight, which only the ledger will know once
        // those apply: pause until then.
        factory = null;
        paused = !inflight.isEmpty();
        drainWaiting();
        return end();
    }

    /**
     * A transaction a follower forwarded to this node (Fabric's {@code ReceiveSubmit} → {@code Submit} with the
     * follower's SubmitRequest), checked there against config sequence {@code validatedSeq}; the channel is at
     * {@code currentSeq} here. As Fabric's leader ({@code chain.go} ordered): checked again when the sequence has
     * advanced ({@link ChainAction.Revalidate}), else handled as {@link #submit} (so a node that no longer leads
     * forwards it on, as Fabric's Submit does).
     */
    public List<ChainAction> forwardedSubmit(long token, Envelope env, long validatedSeq, long currentSeq) {
        if (validatedSeq < currentSeq && route() == Route.ORDER) {
            begin();
            log.warn("Normal message was validated against " + validatedSeq + ", although current config seq has advanced ("
                    + currentSeq + ")");
            out.add(new ChainAction.Revalidate(token, env));
            return end();
        }
        return submit(token, env);
    }

    /**
     * The outcome of {@link ChainAction.Revalidate}: {@code error} null when the envelope is still valid (it is
     * ordered), else Fabric's reason; the message is dropped with Fabric's log line (a forwarded transaction has no
     * client here to answer; its token is answered BAD_REQUEST).
     */
    public List<ChainAction> revalidated(long token, Envelope env, String error) {
        if (error == null) {
            return submit(token, env);
        }
        begin();
        log.error("Failed to order message: bad normal message: " + error);
        reply(token, Answer.badRequest("bad normal message: " + error));
        return end();
    }

    /**
     * A config transaction (a CONFIG envelope made of a config update) reached this node, answered through
     * {@code token}: a follower forwards it to the leader as any other transaction (Fabric's Configure is a Submit);
     * a node without a leader refuses it; on the leader nothing is returned and the driver orders it
     * ({@link #orderConfig}, after its own checks).
     */
    public List<ChainAction> submitConfig(long token) {
        begin();
        Route r = route();
        if (r == Route.FORWARD) {
            forward(token);
        } else if (r == Route.REFUSE) {
            reply(token, notServing());
        }
        return end();
    }

    /** Cuts the pending batch into a block, then proposes {@code configTx} alone in the next block (Fabric). */
    public List<ChainAction> orderConfig(Envelope configTx) {
        begin();
        List<Envelope> batch = cutter.cut();
        if (!batch.isEmpty()) {
            propose(batch);
        }
        propose(List.of(configTx));
        return end();
    }

    /** A config block is being applied ({@code reason}), or no longer (null): intake refused meanwhile. */
    public List<ChainAction> configPause(String reason) {
        begin();
        configPause = reason;
        drainWaiting();
        return end();
    }

    /** The chain stops for good (eviction, chain failure): everything unanswered is answered SERVICE_UNAVAILABLE. */
    public List<ChainAction> halt(String reason) {
        begin();
        halting(reason);
        return end();
    }

    private void halting(String reason) {
        if (serving != Serving.HALTED) {
            serving = Serving.HALTED;
            haltReason = reason;
            cutter.discardPending();
            failAll("chain is stopped: " + reason);
            if (abdicating) {
                abdicating = false;
                log.info("Returning early because chain is halting");
                out.add(new ChainAction.AbdicationDone(0));
            }
        }
    }

    /** The node stops (this chain may resume after a restart): everything unanswered is answered. */
    public List<ChainAction> stop(String reason) {
        begin();
        failAll(reason);
        return end();
    }

    /** The answer to a broadcast this node does not order now. */
    public Answer notServing() {
        if (serving == Serving.HALTED) {
            // Fabric: isRunning() fails with "chain is stopped" once the chain halted.
            return Answer.unavailable("chain is stopped: " + haltReason, 0);
        }
        if (role == StateRole.LEADER) {
            return Answer.unavailable("leader " + id + " is still applying blocks from the previous term", id);
        }
        if (leader == 0) {
            return Answer.unavailable("no Raft leader", 0);
        }
        return Answer.unavailable("not leader, leader is " + leader, leader);
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private void begin() {
        out = new ArrayList<>();
    }

    private List<ChainAction> end() {
        List<ChainAction> done = out;
        out = new ArrayList<>();
        return done;
    }

    private void forward(long token) {
        log.info("forwardToLeader", "Forwarding transaction to the leader " + leader); // chain.go forwardToLeader
        out.add(new ChainAction.Forward(token, leader));
    }

    private void reply(long token, Answer a) {
        out.add(new ChainAction.Reply(token, a));
    }

    private void answerAll(List<Long> tokens, Answer a) {
        for (long t : tokens) {
            reply(t, a);
        }
        tokens.clear(); // each token is answered once
    }

    private void order(long token, Envelope env) {
        BlockCutter.Ordered r;
        try {
            r = cutter.ordered(env);
        } catch (TransactionRejectedException e) {
            reply(token, Answer.tooLarge(e.getMessage()));
            return;
        }
        out.add(new ChainAction.Accept(token));
        // A transaction that made the cutter cut the pending batch first belongs to the next batch.
        List<List<Envelope>> batches = r.batches();
        for (int i = 0; i < batches.size(); i++) {
            if (!r.pending() && i == batches.size() - 1) {
                pendingBatch.add(token);
            }
            propose(batches.get(i));
        }
        if (r.pending()) {
            pendingBatch.add(token);
        }
    }

    private void propose(List<Envelope> batch) {
        if (factory == null) {
            factory = new BlockFactory(lastBlock.getHeader());
        }
        Block block = factory.createNextBlock(batch);
        long number = block.getHeader().getNumber();
        // Fabric logs the count before this block is added.
        log.info("Created block [" + number + "], there are " + inflight.size() + " blocks in flight");
        inflight.add(new InflightBlock(number, block.getHeader().getDataHash(), new ArrayList<>(pendingBatch)));
        pendingBatch.clear();
        out.add(new ChainAction.Propose(number, block.toByteString()));
    }

    private void resolveInflight(Block applied) {
        long number = applied.getHeader().getNumber();
        while (!inflight.isEmpty() && inflight.peekFirst().number() <= number) {
            InflightBlock b = inflight.pollFirst();
            if (b.number() == number && b.dataHash().equals(applied.getHeader().getDataHash())) {
                answerAll(b.tokens(), Answer.success(number));
            } else {
                answerAll(b.tokens(), Answer.unavailable("block [" + b.number()
                        + "] was discarded after a leadership change; resubmit", leader));
            }
        }
        if (inflight.isEmpty() && paused) {
            paused = false;
            factory = null;
        }
    }

    private void drainWaiting() {
        while (serving == Serving.SERVING && !paused && configPause == null && !waiting.isEmpty()
                && inflight.size() < maxInflightBlocks) {
            Waiting w = waiting.pollFirst();
            order(w.token(), w.env());
        }
        if (serving != Serving.SERVING && !waiting.isEmpty() && role != StateRole.LEADER) {
            Answer a = notServing();
            waiting.forEach(w -> reply(w.token(), a));
            waiting.clear();
        }
    }

    private void startServing() {
        paused = false;
        log.info("Start accepting requests as Raft leader at block [" + lastBlock.getHeader().getNumber() + "]");
        factory = new BlockFactory(lastBlock.getHeader());
        serving = Serving.SERVING;
    }

    private void becomeLeader(long newTerm) {
        if (serving == Serving.HALTED) {
            return;
        }
        serving = Serving.CATCHING_UP;
        electedTerm = newTerm;
        factory = null;
    }

    private void becomeFollower() {
        if (serving != Serving.HALTED) {
            serving = Serving.FOLLOWER;
        }
        cutter.discardPending();
        Answer lost = Answer.unavailable("leadership lost before the transaction was cut into a block", 0);
        answerAll(pendingBatch, lost);
        waiting.forEach(w -> reply(w.token(), lost));
        waiting.clear();
        factory = null;
        // Blocks already proposed stay in flight: they may still commit under the next leader, and are resolved
        // (or reported discarded) when blocks with their numbers are applied.
    }

    private void failAll(String reason) {
        Answer a = Answer.unavailable(reason, 0);
        answerAll(pendingBatch, a);
        waiting.forEach(w -> reply(w.token(), a));
        waiting.clear();
        inflight.forEach(b -> answerAll(b.tokens(), a));
        inflight.clear();
    }
}
