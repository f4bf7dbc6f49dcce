package io.raftlens.raft.node;

import io.raftlens.raft.core.ProposalDroppedException;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.node.core.ChainAction;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.orderer.ConfigBlocks;
import io.raftlens.raft.orderer.ConfigUpdateException;
import io.raftlens.raft.orderer.ConsensusMetadataValidator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The leader's side of a config update, on the chain thread: revalidating a CONFIG whose config sequence moved,
 * checking a consenter change against the live cluster (Fabric's ValidateConsensusMetadata), ordering the CONFIG
 * alone in its block, and, for a consenter change, proposing the Raft conf change
 * once that block is written, retried every election timeout until it is applied. When the change removes the
 * leader itself, leadership is handed over first and the next leader proposes it.
 */
final class ConsenterUpdates {

    /** What this needs from its chain; every method is called on the chain thread. */
    interface Host {
        /** Why this node cannot order a config update now (not leader, not caught up, halted), or null. */
        ConsenterUpdateResult refusal();

        /** Whether this node leads and has caught up with the previous terms. */
        boolean leading();

        /** Cuts the pending batch into a block, then proposes {@code configTx} alone in the next block. */
        void cutAndPropose(Envelope configTx);

        Optional<Block> block(long number);

        /** Hands leadership to the most up-to-date active follower. */
        void transferLeadership();

        /** Runs {@code task} on the chain thread. */
        void execute(Runnable task);
    }

    private final String channel;
    private final long self;
    private final RaftLogger log;
    private final Reconfiguration reconfig;
    private final Host host;
    private final ScheduledExecutorService timers;
    private final Duration retry;
    private ScheduledFuture<?> retryTimer;

    ConsenterUpdates(String channel, long self, RaftLogger log, Reconfiguration reconfig, Host host, ScheduledExecutorService timers,
                     Duration retry) {
        this.channel = channel;
        this.self = self;
        this.log = log;
        this.reconfig = reconfig;
        this.host = host;
        this.timers = timers;
        this.retry = retry;
    }

    /**
     * Orders a CONFIG envelope the protocol layer made of a CONFIG_UPDATE validated against config sequence
     * {@code configSeq} (Fabric's Configure → Chain.ordered): processed again when the sequence has moved, its etcdraft
     * metadata checked against the live cluster (one consenter change, no quorum loss), then cut alone into a block.
     * {@code reply} completes once the block is written and, for a consenter change, the conf change applied;
     * {@code accepted} SUCCESS once the checks passed and the CONFIG is handed to the block cutter (Fabric's Configure
     * returns then; a refusal completes only {@code reply}).
     */
    void beginConfig(RaftLoop loop, Envelope config, long configSeq, ConfigRevalidation revalidation,
                     CompletableFuture<ConsenterUpdateResult> reply, CompletableFuture<ConsenterUpdateResult> accepted) {
        ConsenterUpdateResult refused = refusal();
        if (refused != null) {
            reply.complete(refused);
            return;
        }
        // Fabric's ActiveNodes: the leader and the peers it heard from within the last election timeout.
        loop.submit(rn -> {
            Set<Long> active = loop.activeIds();
            host.execute(() -> orderConfig(config, configSeq, revalidation, active, reply, accepted));
        });
    }

    private ConsenterUpdateResult refusal() {
        ConsenterUpdateResult r = host.refusal();
        if (r == null && reconfig.busy()) {
            return ConsenterUpdateResult.conflict("a config update is already being ordered or applied on this channel; "
                    + "send the next update once it is applied");
        }
        return r;
    }

    private void orderConfig(Envelope config, long configSeq, ConfigRevalidation revalidation, Set<Long> active,
                             CompletableFuture<ConsenterUpdateResult> reply, CompletableFuture<ConsenterUpdateResult> accepted) {
        ConsenterUpdateResult refused = refusal(); // the state may have changed while the loop answered
        if (refused != null) {
            reply.complete(refused);
            return;
        }
        ConsenterSet current = reconfig.consenters();
        Block lastConfig = host.block(current.configBlock()).orElseThrow(() -> new IllegalStateException(
                "the ledger has no block " + current.configBlock() + " (the channel's last config block)"));
        Envelope toOrder = config;
        ConfigMetadata updated;
        try {
            long seq = ConfigBlocks.read(lastConfig).sequence();
            if (configSeq < seq) {
                log.warn("Config message was validated against " + configSeq + ", although current config seq has advanced ("
                        + seq + ")");
                toOrder = revalidation.revalidate(config, lastConfig);
            }
            updated = ConfigBlocks.etcdRaft(toOrder);
            if (!updated.equals(current.metadata())) {
                try {
                    ConsensusMetadataValidator.validate(current.metadata(), current.byId(), current.nextId(), updated, active);
                } catch (ConfigUpdateException e) {
                    // part of Fabric's ProposeConfigUpdate, so worded as the broadcast handler words its errors
                    throw new ConfigUpdateException("error applying config update to existing channel '" + channel + "': "
                            + e.getMessage());
                }
            }
        } catch (ConfigUpdateException | IllegalArgumentException e) {
            log.warn("Rejecting config update: " + e.getMessage());
            reply.complete(ConsenterUpdateResult.badRequest(e.getMessage()));
            return;
        }
        log.info("Received config transaction, pause accepting transaction till it is committed");
        reconfig.ordered(reply);
        accepted.complete(ConsenterUpdateResult.accepted());
        host.cutAndPropose(toOrder);
    }

    /** Proposes the conf change the last config block still needs, when this node leads. */
    void drive(RaftLoop loop) {
        if (!host.leading()) {
            return;
        }
        Optional<ChainAction> step = reconfig.nextStep();
        if (step.isEmpty()) {
            return;
        }
        if (step.get() instanceof ChainAction.HandOverLeadership) {
            host.transferLeadership();
        } else if (step.get() instanceof ChainAction.ProposeConfChange p) {
            ConfChange cc = p.change();
            loop.submit(rn -> {
                // The Raft node's own configuration is authoritative: skip a change it already applied.
                boolean tracked = rn.status().progress().containsKey(cc.getNodeId());
                if (cc.getType() == ConfChangeType.ConfChangeAddNode == tracked) {
                    return;
                }
                try {
                    rn.proposeConfChange(cc);
                } catch (ProposalDroppedException e) {
                    log.debug("conf change " + cc.getType() + " " + cc.getNodeId() + " not proposed yet: " + e.getMessage());
                }
            });
        }
        if (retryTimer == null) {
            retryTimer = timers.schedule(() -> host.execute(() -> {
                retryTimer = null;
                drive(loop);
            }), retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void cancel() {
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
    }
}
