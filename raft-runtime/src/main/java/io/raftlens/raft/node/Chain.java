package io.raftlens.raft.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.ProposalDroppedException;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Slf4jRaftLogger;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.Status;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.orderer.BlockCutter;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.GenesisBlock;
import io.raftlens.raft.orderer.TransactionRejectedException;
import io.raftlens.raft.orderer.admission.Admission;
import io.raftlens.raft.orderer.admission.EnvelopeAdmission;
import io.raftlens.raft.orderer.admission.StandardChannelAdmission;
import io.raftlens.raft.node.core.Answer;
import io.raftlens.raft.node.core.ChainAction;
import io.raftlens.raft.node.core.ChainCore;
import io.raftlens.raft.node.core.StartMode;
import java.util.HashMap;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import io.raftlens.raft.wal.RaftDisk;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One channel on one consenter: Fabric's etcdraft {@code Chain}, the threaded driver. The Raft group runs on its
 * {@link RaftLoop}; the ordering decisions (serving state, block cutting, block creation, MaxInflightBlocks, the
 * answers to clients) are the pure {@link ChainCore}'s, which this class feeds with events on the chain's own
 * thread and whose actions it carries out (propose to Raft, complete replies, arm the BatchTimeout timer). It
 * also does what needs I/O: the envelope checks at the door ({@link EnvelopeAdmission}), recovery
 * ({@link ChainRecovery}), applying committed blocks to the ledger, snapshots every SnapshotIntervalSize bytes,
 * catch-up from other consenters after a snapshot, and the pulls of Fabric's eviction suspicion.
 * Consenter changes (config updates) are tracked by its {@link Reconfiguration}; a chain whose node a config
 * update removed halts ("evicted"), and so does a chain that fails ("halted").
 */
public final class Chain {

    /** Entries kept in memory behind a snapshot so a slightly lagging follower catches up from the log. */
    private static final long SNAPSHOT_CATCHUP_ENTRIES = 4;

    private final ChainOptions options;
    private final String channel;
    private final long id;
    private final RaftDisk disk;
    private final ChainLedger ledger;
    private final MessageSender sender;
    private final ScheduledExecutorService timers;
    private final ChannelRaftMetrics metrics;
    private final ChainObserver observer;
    private final BlockSource peers;
    private final MembershipSink membership;
    private final RaftLogger log;
    private final ExecutorService exec;
    private final ChainCore core;
    /** The channel's BatchSize: the launch's, then each config block's (AbsoluteMaxBytes at the door). */
    private volatile BatchSize batchSize;
    private final LedgerSyncer syncer;
    /** Control-API bodies: Fabric's checks for Fabric payloads, other bytes ordered as they are. */
    private final EnvelopeAdmission rawAdmission;
    /** Envelopes from Fabric clients: Fabric's checks, extended by the protocol layer. */
    private volatile EnvelopeAdmission admission;

    private RaftLoop loop;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    // Chain-thread state.
    /** Clients' replies by the token the core answers them with. */
    private final Map<Long, CompletableFuture<BroadcastResult>> replies = new HashMap<>();
    /** Clients' acceptances by token, until the core accepts or answers them. */
    private final Map<Long, CompletableFuture<BroadcastResult>> acceptances = new HashMap<>();
    private long nextToken;
    private String configPause;
    private ScheduledFuture<?> batchTimer;
    private long appliedIndex;
    private long bytesSinceSnapshot;
    private long lastSnapshotBlock;
    private final ElectionTally elections = new ElectionTally();
    private Snapshot pendingCatchUp;
    private final ArrayDeque<List<Entry>> deferred = new ArrayDeque<>();
    private Reconfiguration reconfig;
    private ConsenterUpdates updates;

    // Read by status() from any thread.
    private volatile ChainStatus status;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile HaltCause haltCause;
    private volatile String haltReason = "";

    /** Why a halted chain stopped: Fabric halts on its own eviction and panics on a chain failure. */
    enum HaltCause { EVICTED, FAILED }
    private volatile long commitIndex;
    /** The stop-time abdication in progress (chain thread), completed by the core's AbdicationDone. */
    private CompletableFuture<Long> abdication;
    private ScheduledFuture<?> abdicationTimer;

    /**
     * A broadcast for the chain thread: checked against config sequence {@code validatedSeq}; {@code revalidate}
     * (Fabric's ProcessNormalMsg, null: never needed) answers null or why it is no longer valid.
     */
    private record Submit(Envelope tx, Submission replies, long validatedSeq,
                          java.util.function.Function<Envelope, String> revalidate) {
    }

    /** The config sequence of a broadcast whose checks did not say it (the leader does not check it again). */
    public static final long UNKNOWN_SEQUENCE = Long.MAX_VALUE;

    /** A follower's forwarding of transactions to the leader (chain thread). */
    private final ForwardedTransactions forwarded;
    /** The broadcast the core is deciding on (chain thread): a Forward or Revalidate action concerns it. */
    private Submit submitting;

    Chain(ChainOptions options, long id, RaftDisk disk, ChainLedger ledger, MessageSender sender,
          ScheduledExecutorService timers, ChannelRaftMetrics metrics, ChainObserver observer, BlockSource peers,
          MembershipSink membership, ForwardedTransactions.Sender forwarder, Duration rpcTimeout) {
        this.options = options;
        this.channel = options.channel();
        this.id = id;
        this.disk = disk;
        this.ledger = ledger;
        this.sender = sender;
        this.timers = timers;
        this.metrics = metrics;
        this.observer = observer;
        this.peers = peers;
        this.membership = membership;
        this.log = new Slf4jRaftLogger(channel, id);
        this.exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chain-" + channel + "-" + id);
            t.setDaemon(true);
            // A crash (kill) interrupts ledger I/O on purpose; anything else is a real chain failure.
            t.setUncaughtExceptionHandler((th, e) -> {
                if (!stopping) {
                    // Fabric panics here; RaftLens halts this channel on this node and says why, so that
                    // nothing is acknowledged any more that this node would not write.
                    log.error("chain failure: " + e);
                    try {
                        Chain.this.exec.execute(() -> halt(HaltCause.FAILED, "chain failure: " + e.getMessage()));
                    } catch (java.util.concurrent.RejectedExecutionException stopped) {
                        // stopping meanwhile
                    }
                }
            });
            return t;
        });
        this.batchSize = BatchSize.newBuilder().setMaxMessageCount(options.maxMessageCount())
                .setAbsoluteMaxBytes((int) options.absoluteMaxBytes())
                .setPreferredMaxBytes((int) options.preferredMaxBytes()).build();
        this.syncer = new LedgerSyncer(ledger, log, "ledger-sync-" + channel + "-" + id);
        this.core = new ChainCore(id, batchSize, options.batchTimeout(), options.maxInflightBlocks(),
                ledger.lastBlock().getHeader(), log);
        this.status = new ChainStatus(StateRole.FOLLOWER.label(), 0, 0, 0, ledger.height(), options.consenterIds());
        this.forwarded = new ForwardedTransactions(channel, forwarder, rpcTimeout, timers, task -> {
            try {
                exec.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // the chain stopped; its stop answered everything
            }
        });
        this.rawAdmission = StandardChannelAdmission.allowingOpaque(channel);
        this.admission = StandardChannelAdmission.fabric(channel);
    }

    /**
     * Replaces the checks for {@link #broadcast(Envelope)} (the Fabric protocol layer adds signature and policy
     * checks by wrapping {@link StandardChannelAdmission#fabric}).
     */
    public void admission(EnvelopeAdmission checks) {
        this.admission = java.util.Objects.requireNonNull(checks);
    }

    public String channel() {
        return channel;
    }

    public ChainStatus status() {
        return status;
    }

    /** Starts the Raft node: a new channel bootstraps and maybe campaigns first; an existing one restarts from disk. */
    void start() {
        log.info("Starting Raft node");
        ConsenterSet consenters = ConsenterSet.fromLedger(ledger);
        if (consenters.configBlock() > 0) {
            // batch settings a config update changed before this restart
            Optional<Block> first = ledger.block(0);
            Optional<Block> last = ledger.block(consenters.configBlock());
            if (first.isPresent() && last.isPresent()) {
                applyBatchConfig(GenesisBlock.read(first.get()), GenesisBlock.read(last.get()), consenters.configBlock());
            }
        }
        membership.consentersChanged(channel, consenters.byId(), true);
        if (!consenters.contains(id)) {
            // Removed by a config update before this restart: the chain stays halted (Fabric: evicted).
            log.warn("Detected eviction of ourselves from the configuration: config block ["
                    + consenters.configBlock() + "] does not list this node; not starting Raft for this channel");
            halted = true;
            haltCause = HaltCause.EVICTED;
            haltReason = "node " + id + " was removed from the consenters of channel " + channel;
            reconfig = new Reconfiguration(channel, id, log, metrics, membership, observer, consenters, consenters.ids());
            updates = new ConsenterUpdates(channel, id, log, reconfig, new UpdateHost(), timers, options.electionTimeout());
            metrics.clusterSize(consenters.ids().size());
            publishStatus();
            return;
        }
        ChainRecovery.Recovered rec = ChainRecovery.recover(disk.recovered(), ledger.height(), options.consenterIds());
        ConfState confState = rec.confState();
        RawNode node = new RawNode(ChainRecovery.raftConfig(options, id, rec.storage(), log, ElectionRandomness.forChain()));
        if (rec.mode() == ChainRecovery.Mode.FRESH) {
            node.bootstrap(options.consenterIds());
        }
        // decided before the loop runs: no other event can reach the core yet
        List<ChainAction> starting = core.start(switch (rec.mode()) {
            case FRESH -> StartMode.FRESH;
            case JOIN -> StartMode.JOIN;
            case RESTART -> StartMode.RESTART;
        }, channel, options.consenterIds());
        MemoryStorage storage = rec.storage();
        Block last = ledger.lastBlock();
        appliedIndex = ledger.raftIndex(last);
        lastSnapshotBlock = rec.snapshotBlock();
        commitIndex = rec.commitIndex();
        reconfig = new Reconfiguration(channel, id, log, metrics, membership, observer, consenters,
                confState.getVotersList());
        updates = new ConsenterUpdates(channel, id, log, reconfig, new UpdateHost(), timers, options.electionTimeout());
        metrics.clusterSize(consenters.ids().size());
        metrics.isLeader(false);
        metrics.activeNodes(0);
        metrics.committedBlockNumber(last.getHeader().getNumber());
        metrics.snapshotBlockNumber(lastSnapshotBlock);
        loop = new RaftLoop(channel, id, node, storage, confState, disk, sender, new LoopEvents(), log,
                options.electionTick(), options.readyOrder());
        loop.start();
        long tickMs = Math.max(1, options.tickInterval().toMillis());
        schedules.add(timers.scheduleAtFixedRate(loop::tick, tickMs, tickMs, TimeUnit.MILLISECONDS));
        // Fabric's PeriodicCheck runs every 10 s (DefaultLeaderlessCheckInterval); a shorter suspicion checks more often.
        long checkMs = Math.max(tickMs, Math.min(10_000, options.evictionSuspicion().toMillis() / 2));
        schedules.add(timers.scheduleAtFixedRate(() -> exec.execute(this::suspectEviction), checkMs, checkMs,
                TimeUnit.MILLISECONDS));
        if (starting.stream().anyMatch(a -> a instanceof ChainAction.CampaignUntilLeader)) {
            loop.campaignUntilLeader();
            long every = tickMs * options.heartbeatTick() * 2L;
            schedules.add(timers.scheduleAtFixedRate(loop::campaignTick, every, every, TimeUnit.MILLISECONDS));
        }
        if (rec.snapshot() != null && lastSnapshotBlock >= ledger.height()) {
            // Crashed while pulling the blocks of a snapshot received from the leader: finish that first.
            Snapshot snap = rec.snapshot();
            exec.execute(() -> snapshotInstalled(snap));
        }
        publishStatus();
    }

    /** An inbound Raft message for this channel. */
    void receive(Message m) {
        RaftLoop l = loop;
        if (l != null && !halted) {
            l.receive(m);
        }
    }

    /**
     * Orders a transaction given as raw bytes (the control API's body), which become the envelope's payload:
     * a Fabric payload is checked as Fabric checks it, other bytes are ordered as they are
     * ({@link StandardChannelAdmission#allowingOpaque}).
     */
    public CompletableFuture<BroadcastResult> broadcast(byte[] tx) {
        return broadcast(Envelope.newBuilder().setPayload(ByteString.copyFrom(tx)).build(), rawAdmission,
                UNKNOWN_SEQUENCE).committed();
    }

    /**
     * Orders a Fabric envelope after this chain's {@link EnvelopeAdmission} (Fabric's broadcast checks): accepted
     * only by the leader once it has caught up (Fabric with proposal forwarding disabled); completes with the
     * block number once the block holding it is committed by a quorum. A refused envelope never reaches Raft.
     */
    public CompletableFuture<BroadcastResult> broadcast(Envelope env) {
        return submit(env).committed();
    }

    /**
     * As {@link #broadcast(Envelope)}, with both answers: {@link Submission#accepted()} completes SUCCESS once the
     * leader's block cutter took the envelope (Fabric's {@code Order} returns then), before its block is cut;
     * {@link Submission#committed()} once the block holding it is committed. A refusal completes both alike.
     */
    public Submission submit(Envelope env) {
        return submit(env, UNKNOWN_SEQUENCE);
    }

    /**
     * As {@link #submit(Envelope)}, for an envelope the protocol layer checked against config sequence
     * {@code configSeq}: a follower forwards it to the leader with that sequence (Fabric's SubmitRequest), and the
     * leader checks it again when its config has moved on.
     */
    public Submission submit(Envelope env, long configSeq) {
        return broadcast(env, admission, configSeq);
    }

    /**
     * A transaction a follower forwarded to this node over the cluster (Fabric's ReceiveSubmit → Submit), checked
     * there against config sequence {@code validatedSeq}; this node's channel is at {@code currentSeq}. Not checked
     * again unless the sequence moved ({@code revalidate}: Fabric's ProcessNormalMsg, answering null or the reason);
     * nobody waits for the answer (a dropped one is logged).
     */
    public void receiveForwarded(Envelope env, long validatedSeq, long currentSeq,
                                 java.util.function.Function<Envelope, String> revalidate) {
        if (halted) {
            log.warn("Dropping a forwarded transaction: chain is stopped: " + haltReason);
            return;
        }
        Submit s = new Submit(env, Submission.pending(), validatedSeq, revalidate);
        try {
            exec.execute(() -> {
                // Fabric counts NormalProposalsReceived where the client's Order arrived, not again here
                long token = nextToken++;
                syncConfigPause();
                submitting = s;
                run(core.forwardedSubmit(token, env, validatedSeq, currentSeq));
                submitting = null;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("Dropping a forwarded transaction: node " + id + " is stopped");
        }
    }

    private Submission broadcast(Envelope env, EnvelopeAdmission checks, long configSeq) {
        Submission replies = Submission.pending();
        Admission verdict = checks.admit(env);
        if (!verdict.isAdmitted()) {
            return replies.refuse(new BroadcastResult(verdict.status().name(), -1, verdict.info(), 0));
        }
        try {
            BlockCutter.checkSize(env, batchSize);
        } catch (TransactionRejectedException e) {
            return replies.refuse(BroadcastResult.tooLarge(e.getMessage()));
        }
        if (halted) {
            return replies.refuse(BroadcastResult.unavailable("chain is stopped: " + haltReason, 0));
        }
        try {
            exec.execute(() -> submit(new Submit(env, replies, configSeq, null)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            replies.refuse(BroadcastResult.unavailable("chain is stopped: node " + id + " is stopped", 0));
        }
        return replies;
    }

    /**
     * Orders a CONFIG envelope that Fabric's config path made of a channel config update (ProcessConfigUpdateMsg,
     * validated against config sequence {@code configSeq}), as etcdraft's leader does: processed again with
     * {@code revalidation} when the sequence has moved, a consenter change checked against the live cluster (one
     * change, no quorum loss), ordered alone in a block after the pending batch is cut, then, for a consenter change,
     * applied as a Raft conf change. Completes once the block is written and any conf change applied on this node (or
     * this node, removed, halted); a follower answers SERVICE_UNAVAILABLE with the leader.
     */
    public CompletableFuture<ConsenterUpdateResult> configure(Envelope config, long configSeq, ConfigRevalidation revalidation) {
        return configure(config, configSeq, revalidation, new CompletableFuture<>());
    }

    /**
     * As above; {@code accepted} also completes: SUCCESS once the leader has checked the CONFIG and handed it to its
     * block cutter (Fabric's Configure returns then, before the block is written), or with the refusal.
     */
    public CompletableFuture<ConsenterUpdateResult> configure(Envelope config, long configSeq, ConfigRevalidation revalidation,
                                                              CompletableFuture<ConsenterUpdateResult> accepted) {
        CompletableFuture<ConsenterUpdateResult> reply = new CompletableFuture<>();
        // refused (or, oddly, finished) before it was accepted: the same answer
        reply.whenComplete((r, e) -> {
            if (e != null) {
                accepted.completeExceptionally(e);
            } else {
                accepted.complete(r);
            }
        });
        try {
            exec.execute(() -> {
                metrics.configProposalReceived();
                List<ChainAction> route = core.submitConfig(nextToken++);
                if (route.isEmpty()) {
                    updates.beginConfig(loop, config, configSeq, revalidation, reply, accepted);
                } else {
                    routeConfig(route, config, configSeq, reply, accepted);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reply.complete(ConsenterUpdateResult.unavailable("node " + id + " is stopped", 0));
        }
        return reply;
    }

    /**
     * A config transaction this node does not order (chain thread): forwarded to the leader as Fabric's Configure
     * does ({@code accepted} once sent, {@code reply} once this node writes the config block carrying it), or refused.
     */
    private void routeConfig(List<ChainAction> route, Envelope config, long configSeq,
                             CompletableFuture<ConsenterUpdateResult> reply, CompletableFuture<ConsenterUpdateResult> accepted) {
        for (ChainAction a : route) {
            if (a instanceof ChainAction.Forward f) {
                CompletableFuture<BroadcastResult> sent = new CompletableFuture<>();
                CompletableFuture<BroadcastResult> written = new CompletableFuture<>();
                forwarded.forward(f.leader(), config, configSeq, true, sent, written);
                sent.thenAccept(r -> accepted.complete(r.isSuccess() ? ConsenterUpdateResult.accepted()
                        : ConsenterUpdateResult.unavailable(r.info(), r.leader())));
                written.thenAccept(r -> reply.complete(r.isSuccess()
                        ? ConsenterUpdateResult.success(r.block(), status.consenters())
                        : ConsenterUpdateResult.unavailable(r.info(), r.leader())));
            } else if (a instanceof ChainAction.Reply r) {
                reply.complete(ConsenterUpdateResult.unavailable(r.answer().info(), r.answer().leader()));
            }
        }
    }

    /** The channel's etcdraft metadata as of the last config block this node wrote. */
    public CompletableFuture<ConfigMetadata> consensusMetadata() {
        return CompletableFuture.supplyAsync(() -> reconfig.consenters().metadata(), exec);
    }

    /** A block of this chain's ledger (for other consenters catching up). */
    Optional<Block> block(long number) {
        return ledger.block(number);
    }

    /** Asks the Raft group to hand leadership to {@code to} (only the leader acts on it). */
    public void transferLeadership(long to) {
        loop.submit(rn -> rn.transferLeader(to));
    }

    /**
     * Fabric's abdicateLeadership, decided by the core ({@link ChainCore#abdicate}): when this node leads, hand
     * leadership to a qualified follower and wait (ElectionTick × TickInterval) until another node leads. Returns
     * the new leader or 0. Bounded: returns 0 at the latest a little after the core's own timer would fire.
     */
    long abdicateLeadership() {
        RaftLoop l = loop;
        if (l == null || halted || !StateRole.LEADER.label().equals(status.role())) {
            return 0;
        }
        long start = System.nanoTime();
        CompletableFuture<Long> done = new CompletableFuture<>();
        Duration timeToWait = options.tickInterval().multipliedBy(options.electionTick());
        l.submit(rn -> {
            Status st = rn.status();
            try {
                exec.execute(() -> {
                    abdication = done;
                    run(core.abdicate(st.leader(), st.progress(), timeToWait));
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                done.complete(0L);
            }
        });
        try {
            return done.get(2 * timeToWait.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return 0;
        } finally {
            log.info("abdicateLeader took " + io.raftlens.config.value.GoDuration.format(Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /** Hands leadership to the follower the core picks (none qualified: nothing); does not wait for the transfer. */
    private void transferToBestFollower() {
        loop.submit(rn -> {
            long best = ChainCore.transferee(id, rn.status().progress());
            if (best != 0) {
                log.info("Transferring leadership to " + best);
                rn.transferLeader(best);
            }
        });
    }

    /** Graceful (flush, close the WAL) or crash (drop what is not synced) stop. */
    void stop(boolean graceful) {
        stopping = true;
        schedules.forEach(s -> s.cancel(false));
        if (loop != null && !halted) {
            loop.stop(graceful);
        } else if (loop == null) {
            disk.close(); // evicted before this start: the WAL was opened but no Raft loop owns it
        }
        if (graceful) {
            exec.execute(() -> {
                run(core.stop("node " + id + " stopped"));
                forwarded.failAll("node " + id + " stopped");
                if (reconfig != null) {
                    reconfig.fail("node " + id + " stopped");
                }
            });
            exec.shutdown();
            try {
                exec.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            syncer.stop(true);
            try {
                ledger.sync();
            } catch (RuntimeException e) {
                log.warn("Final ledger sync failed: " + e.getMessage());
            }
            log.info("Raft node stopped");
        } else {
            exec.shutdownNow();
            syncer.stop(false);
        }
        ledger.close();
    }

    private void publishStatus() {
        String label = !halted ? core.role().label()
                : haltCause == HaltCause.FAILED ? ChainStatus.HALTED : ChainStatus.EVICTED;
        ChainStatus s = new ChainStatus(label, halted ? 0 : core.term(),
                halted ? 0 : core.leader(), commitIndex, ledger.height(),
                reconfig == null ? options.consenterIds() : reconfig.consenters().ids());
        status = s;
    }

    // ---- chain thread -------------------------------------------------------------------------------------

    private void submit(Submit s) {
        metrics.normalProposalReceived();
        long token = nextToken++;
        replies.put(token, s.replies().committed());
        acceptances.put(token, s.replies().accepted());
        syncConfigPause();
        submitting = s;
        run(core.submit(token, s.tx()));
        submitting = null;
    }

    /** Carries out the core's actions, in order. */
    private void run(List<ChainAction> actions) {
        for (ChainAction a : actions) {
            if (a instanceof ChainAction.Reply r) {
                CompletableFuture<BroadcastResult> f = replies.remove(r.token());
                Answer x = r.answer();
                BroadcastResult result = new BroadcastResult(x.status(), x.block(), x.info(), x.leader());
                if (f != null) {
                    f.complete(result);
                }
                CompletableFuture<BroadcastResult> notYetAccepted = acceptances.remove(r.token());
                if (notYetAccepted != null) {
                    notYetAccepted.complete(result); // refused (or answered) before the cutter took it
                }
            } else if (a instanceof ChainAction.Forward f) {
                forward(f);
            } else if (a instanceof ChainAction.Revalidate r) {
                revalidate(r);
            } else if (a instanceof ChainAction.Accept x) {
                CompletableFuture<BroadcastResult> f = acceptances.remove(x.token());
                if (f != null) {
                    f.complete(BroadcastResult.accepted());
                }
            } else if (a instanceof ChainAction.Propose p) {
                propose(p.number(), p.block());
            } else if (a instanceof ChainAction.StartBatchTimer t) {
                stopBatchTimer();
                batchTimer = timers.schedule(() -> exec.execute(() -> run(core.batchTimeout())),
                        t.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } else if (a instanceof ChainAction.StopBatchTimer) {
                stopBatchTimer();
            } else if (a instanceof ChainAction.TransferLeadership t) {
                loop.submit(rn -> rn.transferLeader(t.to()));
            } else if (a instanceof ChainAction.StartAbdicationTimer t) {
                abdicationTimer = timers.schedule(() -> exec.execute(() -> run(core.abdicationTimeout())),
                        t.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } else if (a instanceof ChainAction.AbdicationDone d) {
                if (abdicationTimer != null) {
                    abdicationTimer.cancel(false);
                    abdicationTimer = null;
                }
                if (abdication != null) {
                    abdication.complete(d.leader());
                    abdication = null;
                }
            } else if (a instanceof ChainAction.PullBlocks p) {
                pullBlocks(p.from(), p.to());
            } else if (a instanceof ChainAction.WriteBlock w) {
                long n = w.block().getHeader().getNumber();
                if (n == ledger.height()) {
                    ledger.appendPulled(w.block());
                    if (Blocks.isConfigBlock(w.block())) {
                        observer.configBlockWritten(channel, id, n);
                    }
                    metrics.committedBlockNumber(n);
                    observer.blockCommitted(channel, id, n, w.block().getData().getDataCount());
                    forwarded.blockWritten(w.block());
                }
            } else if (a instanceof ChainAction.RetryCatchUp r) {
                timers.schedule(() -> exec.execute(() -> run(core.catchUpRetry())), r.after().toMillis(),
                        TimeUnit.MILLISECONDS);
            } else if (a instanceof ChainAction.CaughtUp c) {
                caughtUp(c.number());
            } else if (a instanceof ChainAction.PullForEviction p) {
                pullForEviction(p.from());
            } else if (a instanceof ChainAction.Halt h) {
                halt(h.evicted() ? HaltCause.EVICTED : HaltCause.FAILED, h.evicted() ? null : h.reason());
            }
        }
    }

    /** The core's Forward: the broadcast being decided on goes to the leader over the cluster. */
    private void forward(ChainAction.Forward f) {
        Submit s = submitting;
        CompletableFuture<BroadcastResult> committed = replies.remove(f.token());
        CompletableFuture<BroadcastResult> accepted = acceptances.remove(f.token());
        if (s == null) {
            throw new IllegalStateException("the core forwarded broadcast " + f.token() + " outside a submit");
        }
        forwarded.forward(f.leader(), s.tx(), s.validatedSeq(), false, accepted, committed);
    }

    /** The core's Revalidate: Fabric's ProcessNormalMsg on the leader, then the core orders or drops it. */
    private void revalidate(ChainAction.Revalidate r) {
        Submit s = submitting;
        String error;
        try {
            error = s == null || s.revalidate() == null ? null : s.revalidate().apply(r.env());
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        run(core.revalidated(r.token(), r.env(), error));
    }

    private void stopBatchTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
    }

    /** The core refuses intake while a config block is being applied (Reconfiguration's pause). */
    private void syncConfigPause() {
        String now = reconfig != null && reconfig.pausing() ? reconfig.pauseReason() : null;
        if (!java.util.Objects.equals(now, configPause)) {
            configPause = now;
            run(core.configPause(now));
        }
    }

    private BroadcastResult notServing() {
        Answer x = core.notServing();
        return new BroadcastResult(x.status(), x.block(), x.info(), x.leader());
    }

    /** A committed conf change (already applied to the Raft node): the chain's side of it. */
    private void confChangeCommitted(Entry e) {
        ConfChange cc;
        try {
            cc = ConfChange.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            log.error("cannot decode conf change at index " + e.getIndex() + ": " + ex.getMessage());
            return;
        }
        boolean replay = e.getIndex() <= appliedIndex;
        boolean joins = cc.getType() == ConfChangeType.ConfChangeAddNode && !reconfig.voter(cc.getNodeId());
        if (reconfig.confChangeApplied(cc, replay)) {
            halt(HaltCause.EVICTED, null); // the removal's lines are ConsenterChanges'
        } else if (joins && !replay) {
            // A joining node may need a snapshot (the log it would replay may be compacted away); the last one was
            // taken before it was a member, and a node does not restore a snapshot whose ConfState lacks it.
            Block last = ledger.lastBlock();
            log.info("Taking snapshot at block [" + last.getHeader().getNumber() + "] (index: " + e.getIndex()
                    + ") so that node " + cc.getNodeId() + " can join from it");
            snapshot(e.getIndex(), last.toByteString(), last.getHeader().getNumber());
        }
    }

    /**
     * Stops this channel's Raft node for good after a config update removed this node: no more ticks, campaigns or
     * messages; the ledger stays readable. Other channels of the node are not affected.
     */
    private void halt(HaltCause cause, String why) {
        if (halted) {
            return;
        }
        if (cause == HaltCause.EVICTED && why != null) {
            log.info(why);
        }
        haltCause = cause;
        haltReason = cause == HaltCause.EVICTED
                ? "node " + id + " was removed from the consenters of channel " + channel : why;
        halted = true;
        schedules.forEach(s -> s.cancel(false));
        if (updates != null) {
            updates.cancel();
        }
        metrics.isLeader(false);
        run(core.halt(haltReason));
        forwarded.failAll("chain is stopped: " + haltReason);
        if (reconfig != null) {
            reconfig.halted();
        }
        if (loop != null) {
            loop.stop(true);
        }
        log.info("Raft node stopped");
        publishStatus();
        observer.stateChanged(channel, id, status);
    }

    /** Proposes block {@code number} to Raft on its loop; a refusal comes back on the chain thread. */
    private void propose(long number, ByteString data) {
        loop.submit(rn -> {
            try {
                rn.propose(data);
            } catch (ProposalDroppedException e) {
                exec.execute(() -> proposalFailed(number, e));
            }
        });
    }

    private void proposalFailed(long number, ProposalDroppedException e) {
        metrics.proposalFailed();
        run(core.proposalFailed(number, e.getMessage(), e.leader()));
        reconfig.orderingFailed("the config block was not ordered: " + e.getMessage(), e.leader());
    }

    private void apply(List<Entry> entries) {
        if (pendingCatchUp != null) {
            deferred.add(entries); // applied once the blocks up to the snapshot are pulled
            return;
        }
        long heightBefore = ledger.height();
        for (Entry e : entries) {
            if (halted) {
                break;
            }
            if (e.getType() == EntryType.EntryConfChange) {
                confChangeCommitted(e); // replayed ones too: the voters are rebuilt from the log after a restart
                appliedIndex = Math.max(appliedIndex, e.getIndex());
                continue;
            }
            if (e.getIndex() <= appliedIndex) {
                continue;
            }
            Block written = e.getData().isEmpty() ? null : applyBlock(e);
            appliedIndex = e.getIndex();
            run(core.entryApplied(e.getTerm(), written));
        }
        if (ledger.height() != heightBefore) {
            syncer.requestSync();
        }
        publishStatus();
        syncConfigPause();
        updates.drive(loop);
        syncConfigPause();
    }

    /** Writes the block of entry {@code e} to the ledger; returns it, or null when nothing was written. */
    private Block applyBlock(Entry e) {
        Block block;
        try {
            block = Block.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            log.error("Raft entry " + e.getIndex() + " does not hold a block: " + ex.getMessage());
            return null;
        }
        long number = block.getHeader().getNumber();
        long height = ledger.height();
        if (number < height) {
            return null; // already in the ledger (replayed from the WAL after a restart)
        }
        if (number > height) {
            log.error("Got block [" + number + "] at Raft index " + e.getIndex() + " but the ledger height is "
                    + height + "; waiting for catch-up");
            return null;
        }
        log.info("Writing block [" + number + "] (Raft index: " + e.getIndex() + ") to ledger");
        if (Blocks.isConfigBlock(block)) {
            GenesisBlock.OrderingConfig config = GenesisBlock.read(block);
            Optional<Block> previous = ledger.block(reconfig.consenters().configBlock());
            reconfig.configBlock(config.etcdRaft(), number);
            previous.map(GenesisBlock::read).ifPresent(before -> applyBatchConfig(before, config, number));
        }
        ConsenterSet consenters = reconfig.consenters();
        ledger.append(block, consenters.blockMetadata(e.getIndex()), consenters.configBlock());
        if (Blocks.isConfigBlock(block)) {
            reconfig.configWritten();
            observer.configBlockWritten(channel, id, number);
        }
        metrics.committedBlockNumber(number);
        observer.blockCommitted(channel, id, number, block.getData().getDataCount());
        forwarded.blockWritten(block);
        bytesSinceSnapshot += e.getData().size();
        if (bytesSinceSnapshot >= options.snapshotIntervalSize()) {
            log.info("Accumulated " + bytesSinceSnapshot + " bytes since last snapshot, exceeding size limit ("
                    + options.snapshotIntervalSize() + " bytes), taking snapshot at block [" + number + "] (index: "
                    + e.getIndex() + "), last snapshotted block number is " + lastSnapshotBlock + ", current nodes: "
                    + Reconfiguration.goList(loop.confState().getVotersList()));
            snapshot(e.getIndex(), e.getData(), number);
        }
        return block;
    }

    /** BatchSize and BatchTimeout that config block {@code number} changed, for the block cutter (validated before ordering). */
    private void applyBatchConfig(GenesisBlock.OrderingConfig before, GenesisBlock.OrderingConfig config, long number) {
        // only an update that changes them: the launch may run with other values than block 0 holds (--tick etc.)
        if (config.batchSize().equals(before.batchSize()) && config.batchTimeout().equals(before.batchTimeout())) {
            return;
        }
        try {
            core.batchConfig(config.batchSize(), config.batchTimeout());
            batchSize = config.batchSize();
            log.info("Config block [" + number + "] sets BatchSize (MaxMessageCount " + config.batchSize().getMaxMessageCount()
                    + ", AbsoluteMaxBytes " + Integer.toUnsignedString(config.batchSize().getAbsoluteMaxBytes())
                    + ", PreferredMaxBytes " + Integer.toUnsignedString(config.batchSize().getPreferredMaxBytes())
                    + ") and BatchTimeout " + io.raftlens.config.value.GoDuration.format(config.batchTimeout()));
        } catch (IllegalArgumentException e) {
            log.warn("Config block [" + number + "]: keeping the current batch settings: " + e.getMessage());
        }
    }

    /** A local snapshot at Raft index {@code index} holding block {@code number}, once the ledger has it durably. */
    private void snapshot(long index, ByteString block, long number) {
        ledger.sync(); // the WAL may forget the entries below the snapshot once it is saved
        loop.takeSnapshot(index, block, SNAPSHOT_CATCHUP_ENTRIES);
        lastSnapshotBlock = number;
        bytesSinceSnapshot = 0;
        metrics.snapshotBlockNumber(number);
    }

    private void stateChanged(StateRole newRole, long newLeader, long newTerm) {
        long leader = core.leader();
        boolean leaderMoved = newLeader != leader;
        boolean losing = leaderMoved && leader == id
                || core.role() == StateRole.LEADER && newRole != StateRole.LEADER && leader == id && newLeader == id;
        run(core.roleChanged(newRole, newLeader, newTerm));
        if (leaderMoved) {
            metrics.leaderChanged();
            if (newLeader == id) {
                metrics.isLeader(true);
            }
        }
        if (leaderMoved && newLeader != 0 && newLeader != id) {
            reconfig.handedOver();
        }
        if (losing) {
            metrics.isLeader(false);
            reconfig.orderingFailed("leadership lost before the config block was committed; it may still be "
                    + "committed by the next leader: check the channel's consenters", 0);
        }
        trackElection(newRole, newTerm);
        // Fabric does not halt on pre-candidacy when its local last config block no longer lists it: it is still a
        // voter until it applies its own removal, and its vote may be what elects the leader that commits it. A
        // node that missed its removal learns of it through eviction suspicion.
        publishStatus();
        observer.stateChanged(channel, id, status);
    }

    private void trackElection(StateRole newRole, long newTerm) {
        ElectionTally.Won won = elections.roleChanged(newRole);
        if (won != null) {
            observer.electionWon(channel, id, newTerm, won.millis(), won.preVotes(), won.votes(), won.rejections());
        }
    }

    private void snapshotInstalled(Snapshot snap) {
        Block block;
        try {
            block = Block.parseFrom(snap.getData());
        } catch (InvalidProtocolBufferException e) {
            log.error("Snapshot at Raft index " + snap.getMetadata().getIndex() + " does not hold a block: " + e.getMessage());
            return;
        }
        pendingCatchUp = snap;
        run(core.snapshotReceived(block, options.tickInterval().multipliedBy(options.heartbeatTick() * 2L)));
    }

    /** Fabric's periodic eviction check, decided by the core ({@link ChainCore#evictionCheck}). */
    private void suspectEviction() {
        if (halted || stopping) {
            return;
        }
        run(core.evictionCheck(System.nanoTime(), options.evictionSuspicion()));
    }

    /** Pulls the channel's blocks from {@code from} on from the other consenters for the core's eviction check. */
    private void pullForEviction(long from) {
        List<Block> pulled = new ArrayList<>();
        boolean refusedByAll = false;
        for (long n = from; ; n++) {
            BlockSource.Pulled p = peers.pull(channel, n);
            if (p.block() == null) {
                refusedByAll = pulled.isEmpty() && p.refusedByAll();
                break;
            }
            pulled.add(p.block());
        }
        run(core.evictionPulled(pulled, refusedByAll, ledger::block, ledger.lastBlock()));
        if (halted) {
            publishStatus();
            observer.stateChanged(channel, id, status);
        }
    }

    /** Pulls blocks {@code from}..{@code to} for the core's catch-up, stopping at the first one nobody serves. */
    private void pullBlocks(long from, long to) {
        for (long n = from; n <= to; n++) {
            Optional<Block> b = peers.block(channel, n);
            if (b.isEmpty()) {
                run(core.pullFailed(n));
                return;
            }
            run(core.blockPulled(b.get()));
        }
    }

    /** The ledger holds every block up to the snapshot's: the snapshot is installed; apply what waited for it. */
    private void caughtUp(long target) {
        Snapshot snap = pendingCatchUp;
        if (snap == null) {
            return;
        }
        appliedIndex = Math.max(appliedIndex, snap.getMetadata().getIndex());
        reconfig.reload(ConsenterSet.fromLedger(ledger), snap.getMetadata().getConfState().getVotersList());
        lastSnapshotBlock = target;
        metrics.snapshotBlockNumber(target);
        pendingCatchUp = null;
        publishStatus();
        while (!deferred.isEmpty() && pendingCatchUp == null) {
            apply(deferred.pollFirst());
        }
    }

    /** The chain as its {@link ConsenterUpdates} sees it. */
    private final class UpdateHost implements ConsenterUpdates.Host {
        @Override
        public ConsenterUpdateResult refusal() {
            if (halted || core.serving() != ChainCore.Serving.SERVING) {
                BroadcastResult r = notServing();
                return ConsenterUpdateResult.unavailable(r.info(), r.leader());
            }
            return null;
        }

        @Override
        public boolean leading() {
            return !halted && core.serving() == ChainCore.Serving.SERVING;
        }

        @Override
        public void cutAndPropose(Envelope configTx) {
            run(core.orderConfig(configTx));
        }

        @Override
        public Optional<Block> block(long number) {
            return ledger.block(number);
        }

        @Override
        public void transferLeadership() {
            transferToBestFollower();
        }

        @Override
        public void execute(Runnable task) {
            exec.execute(task);
        }
    }

    /**
     * A float64 as Go's {@code %v} prints it ({@code strconv.FormatFloat(v, 'g', -1, 64)}): the shortest digits, in
     * %e form ({@code 1.234567e+06}, {@code 1e-05}) when the exponent is below -4 or at least 6 (Go's precision for
     * the shortest form), else plain ({@code 5}, {@code 3.2172}, {@code 0.0001}).
     */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + d.toPlainString();
    }

    /** Loop-thread callbacks, handed to the chain thread. */
    private final class LoopEvents implements RaftLoop.Listener {
        @Override
        public void stateChanged(StateRole role, long leader, long term) {
            exec.execute(() -> Chain.this.stateChanged(role, leader, term));
        }

        @Override
        public void committed(List<Entry> entries) {
            commitIndex = entries.get(entries.size() - 1).getIndex();
            exec.execute(() -> apply(entries));
        }

        @Override
        public void quorumCommitted(List<Entry> entries) {
            exec.execute(() -> run(core.quorumCommitted(entries)));
        }

        @Override
        public void snapshotInstalled(Snapshot snapshot) {
            exec.execute(() -> Chain.this.snapshotInstalled(snapshot));
        }

        @Override
        public void persisted(long nanos) {
            double seconds = nanos / 1e9;
            metrics.dataPersistedNanos(nanos);
            double electionSeconds = options.electionTimeout().toMillis() / 1000.0;
            if (seconds > electionSeconds / 2) {
                log.warn("WAL sync took " + goFloat(seconds) + " seconds and the network is configured to start "
                        + "elections after " + goFloat(electionSeconds) + " seconds. Your disk is too slow and may "
                        + "cause loss of quorum and trigger leadership election.");
            }
        }

        @Override
        public void voteResponse(Message response) {
            exec.execute(() -> elections.response(response));
        }

        @Override
        public void activeNodes(int count) {
            metrics.activeNodes(count);
        }
    }
}
