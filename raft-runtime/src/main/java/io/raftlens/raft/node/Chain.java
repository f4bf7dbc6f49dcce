package io.raftlens.raft.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.ProposalDroppedException;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Slf4jRaftLogger;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.Status;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
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
import io.raftlens.raft.node.core.ChainAction;
import io.raftlens.raft.node.core.ChainCore;
import io.raftlens.raft.node.core.StartMode;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import io.raftlens.raft.wal.RaftDisk;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One channel on one consenter: Fabric's etcdraft {@code Chain}, the threaded shell around the pure
 * {@link ChainCore}. The Raft group runs on its {@link RaftLoop}; every ordering decision (serving state, block
 * cutting and creation, MaxInflightBlocks, the answers to clients, which committed entries to apply and how, the
 * snapshot trigger, catch-up, eviction) is the core's, which this class feeds with events on the chain's own thread
 * and whose actions it carries out: propose to Raft, complete replies, write blocks to the ledger, take snapshots,
 * pull blocks from the other consenters, arm timers ({@link ChainTimers}), halt. It also keeps what needs I/O or
 * threads: the envelope checks at the door ({@link EnvelopeAdmission}), recovery ({@link ChainRecovery}), the WAL
 * and ledger, and the consenter changes' certificates and replies ({@link Reconfiguration}). A chain whose node a
 * config update removed halts ("evicted"), and so does a chain that fails ("halted").
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
    private final ChainTimers chainTimers;

    // Chain-thread state.
    /** The clients waiting for the core's answers. */
    private final ClientReplies clients = new ClientReplies();
    private String configPause;
    private final ElectionTally elections = new ElectionTally();
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
        this.chainTimers = new ChainTimers(timers, exec);
        this.syncer = new LedgerSyncer(ledger, log, "ledger-sync-" + channel + "-" + id);
        this.core = new ChainCore(id, batchSize, options.batchTimeout(), options.maxInflightBlocks(),
                ledger.lastBlock(), options.snapshotIntervalSize(), log);
        // each applied entry's block is written before the next entry is decided (Fabric's line order)
        this.core.carryOutEachEntry(this::run);
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
                core.batchConfig(GenesisBlock.read(first.get()), GenesisBlock.read(last.get()), consenters.configBlock())
                        .ifPresent(b -> batchSize = b);
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
            run(core.halt(haltReason)); // nothing waits yet; a config update is refused "chain is stopped"
            reconfig = new Reconfiguration(channel, id, log, metrics, membership, observer, consenters, consenters.ids());
            updates = new ConsenterUpdates(channel, id, log, reconfig, updateHost(), timers, options.electionTimeout());
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
        MemoryStorage storage = rec.storage();
        Block last = ledger.lastBlock();
        // decided before the loop runs: no other event can reach the core yet
        List<ChainAction> starting = core.start(switch (rec.mode()) {
            case FRESH -> StartMode.FRESH;
            case JOIN -> StartMode.JOIN;
            case RESTART -> StartMode.RESTART;
        }, channel, options.consenterIds(), new ChainCore.Applied(ledger.raftIndex(last), rec.snapshotBlock(),
                confState.getVotersList()));
        commitIndex = rec.commitIndex();
        reconfig = new Reconfiguration(channel, id, log, metrics, membership, observer, consenters,
                confState.getVotersList());
        updates = new ConsenterUpdates(channel, id, log, reconfig, updateHost(), timers, options.electionTimeout());
        metrics.clusterSize(consenters.ids().size());
        metrics.isLeader(false);
        metrics.activeNodes(0);
        metrics.committedBlockNumber(last.getHeader().getNumber());
        metrics.snapshotBlockNumber(rec.snapshotBlock());
        loop = new RaftLoop(channel, id, node, storage, confState, disk, sender, new LoopEvents(), log,
                options.electionTick(), options.readyOrder());
        loop.start();
        long tickMs = Math.max(1, options.tickInterval().toMillis());
        chainTimers.every(tickMs, loop::tick);
        // Fabric's PeriodicCheck runs every 10 s (DefaultLeaderlessCheckInterval); a shorter suspicion checks more often.
        chainTimers.everyOnChain(Math.max(tickMs, Math.min(10_000, options.evictionSuspicion().toMillis() / 2)),
                this::suspectEviction);
        if (starting.stream().anyMatch(a -> a instanceof ChainAction.CampaignUntilLeader)) {
            loop.campaignUntilLeader();
            chainTimers.every(tickMs * options.heartbeatTick() * 2L, loop::campaignTick);
        }
        if (rec.snapshot() != null && rec.snapshotBlock() >= ledger.height()) {
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
                UNKNOWN_SEQUENCE, Submission.pending()).committed();
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
        return broadcast(env, admission, configSeq, Submission.pending());
    }

    /**
     * As {@link #submit(Envelope, long)}, answering only the acceptance (Fabric's Broadcast, whose client learns of
     * the commit from Deliver): {@link Submission#committed()} is null and no commit answer is kept for it.
     */
    public Submission order(Envelope env, long configSeq) {
        return broadcast(env, ADMITTED_BY_PROTOCOL, configSeq, Submission.acceptOnly());
    }

    /**
     * The envelopes {@link #order} takes were admitted by the protocol layer's message processing (Fabric's
     * StandardChannel: header, channel, type, size, signature and Writers), a superset of this chain's own
     * {@link StandardChannelAdmission}; parsing them a second time here would only cost.
     */
    private static final EnvelopeAdmission ADMITTED_BY_PROTOCOL = env -> Admission.admitted();

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
        Submit s = new Submit(env, Submission.acceptOnly(), validatedSeq, revalidate);
        try {
            exec.execute(() -> {
                // Fabric counts NormalProposalsReceived where the client's Order arrived, not again here
                long token = clients.token();
                syncConfigPause();
                submitting = s;
                run(core.forwardedSubmit(token, env, validatedSeq, currentSeq));
                submitting = null;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("Dropping a forwarded transaction: node " + id + " is stopped");
        }
    }

    private Submission broadcast(Envelope env, EnvelopeAdmission checks, long configSeq, Submission replies) {
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
                List<ChainAction> route = core.submitConfig(clients.token());
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

    private ConsenterUpdates.Host updateHost() {
        return new ConsenterUpdateHost(core, this::run, ledger, this::transferToBestFollower, exec);
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
        chainTimers.cancelPeriodic();
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
        long token = clients.register(s.replies());
        syncConfigPause();
        submitting = s;
        run(core.submit(token, s.tx()));
        submitting = null;
    }

    /** Carries out the core's actions, in order. */
    private void run(List<ChainAction> actions) {
        for (ChainAction a : actions) {
            if (a instanceof ChainAction.Reply r) {
                clients.reply(r.token(), r.answer());
            } else if (a instanceof ChainAction.Accept x) {
                clients.accept(x.token());
            } else if (a instanceof ChainAction.Forward f) {
                forward(f);
            } else if (a instanceof ChainAction.Revalidate r) {
                revalidate(r);
            } else if (a instanceof ChainAction.Propose p) {
                propose(p.number(), p.block());
            } else if (a instanceof ChainAction.StartBatchTimer t) {
                chainTimers.startBatch(t.timeout(), () -> run(core.batchTimeout()));
            } else if (a instanceof ChainAction.StopBatchTimer) {
                chainTimers.stopBatch();
            } else if (a instanceof ChainAction.TransferLeadership t) {
                loop.submit(rn -> rn.transferLeader(t.to()));
            } else if (a instanceof ChainAction.StartAbdicationTimer t) {
                chainTimers.startAbdication(t.timeout(), () -> run(core.abdicationTimeout()));
            } else if (a instanceof ChainAction.AbdicationDone d) {
                chainTimers.stopAbdication();
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
                chainTimers.once(r.after(), () -> run(core.catchUpRetry()));
            } else if (a instanceof ChainAction.AppendBlock b) {
                appendBlock(b.block(), b.index());
            } else if (a instanceof ChainAction.ApplyConfChange c) {
                reconfig.confChangeApplied(c.change(), c.replay()); // a removal of this node: the core's Halt follows
            } else if (a instanceof ChainAction.TakeSnapshot t) {
                snapshot(t.index(), t.number());
            } else if (a instanceof ChainAction.CaughtUp c) {
                reconfig.reload(ConsenterSet.fromLedger(ledger), c.voters());
                metrics.snapshotBlockNumber(c.number());
                publishStatus();
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
        Submission waiting = clients.take(f.token());
        if (s == null) {
            throw new IllegalStateException("the core forwarded broadcast " + f.token() + " outside a submit");
        }
        forwarded.forward(f.leader(), s.tx(), s.validatedSeq(), false, waiting.accepted(), waiting.committed());
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

    /** The core refuses intake while a config block is being applied (Reconfiguration's pause). */
    private void syncConfigPause() {
        String now = reconfig != null && reconfig.pausing() ? reconfig.pauseReason() : null;
        if (!java.util.Objects.equals(now, configPause)) {
            configPause = now;
            run(core.configPause(now));
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
        chainTimers.cancelPeriodic();
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
        applied(core.apply(entries));
    }

    /** Carries out what the core decided about committed entries, then what follows every applied batch. */
    private void applied(List<ChainAction> actions) {
        long heightBefore = ledger.height();
        run(actions);
        if (ledger.height() != heightBefore) {
            syncer.requestSync();
        }
        publishStatus();
        syncConfigPause();
        updates.drive(loop);
        syncConfigPause();
    }

    /** Writes committed block {@code block} of Raft entry {@code index} (the core checked it is the next one). */
    private void appendBlock(Block block, long index) {
        long number = block.getHeader().getNumber();
        boolean config = Blocks.isConfigBlock(block);
        if (config) {
            GenesisBlock.OrderingConfig read = GenesisBlock.read(block);
            Optional<Block> previous = ledger.block(reconfig.consenters().configBlock());
            reconfig.configBlock(read.etcdRaft(), number);
            previous.map(GenesisBlock::read).flatMap(before -> core.batchConfig(before, read, number))
                    .ifPresent(b -> batchSize = b);
        }
        ConsenterSet consenters = reconfig.consenters();
        ledger.append(block, consenters.blockMetadata(index), consenters.configBlock());
        if (config) {
            reconfig.configWritten();
            observer.configBlockWritten(channel, id, number);
        }
        metrics.committedBlockNumber(number);
        observer.blockCommitted(channel, id, number, block.getData().getDataCount());
        forwarded.blockWritten(block);
    }

    /** A local snapshot at Raft index {@code index} holding ledger block {@code number}, once the ledger has it durably. */
    private void snapshot(long index, long number) {
        ledger.sync(); // the WAL may forget the entries below the snapshot once it is saved
        Optional<Block> block = ledger.block(number);
        if (block.isEmpty()) {
            log.error("Cannot take a snapshot at block [" + number + "]: the ledger does not hold it");
            run(core.snapshotTaken());
            return;
        }
        loop.takeSnapshot(index, block.get().toByteString(), SNAPSHOT_CATCHUP_ENTRIES).whenComplete((v, e) -> {
            try {
                exec.execute(() -> run(core.snapshotTaken()));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // the chain stopped meanwhile
            }
        });
        metrics.snapshotBlockNumber(number);
    }

    private void stateChanged(StateRole newRole, long newLeader, long newTerm) {
        boolean leaderMoved = newLeader != core.leader();
        boolean losing = core.losesLeadership(newRole, newLeader);
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
        applied(core.snapshotReceived(block, snap.getMetadata().getIndex(), snap.getMetadata().getConfState().getVotersList(),
                options.tickInterval().multipliedBy(options.heartbeatTick() * 2L)));
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
        BlockSource.PulledRun pulled = peers.pullFrom(channel, from);
        run(core.evictionPulled(pulled.blocks(), pulled.refusedByAll(), ledger::block, ledger.lastBlock()));
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
            applied(core.blockPulled(b.get()));
        }
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
            metrics.dataPersistedNanos(nanos);
            WalSyncWarning.of(nanos, options.electionTimeout()).ifPresent(log::warn);
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
