package io.raftlens.raft.node;

import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.node.core.ChainAction;
import io.raftlens.raft.node.core.ConsenterChanges;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A chain's consenter changes, on the chain thread: the driver of the pure {@link ConsenterChanges} (Fabric
 * etcdraft's {@code detectConfChange}/{@code apply} bookkeeping: the consenter ids of the last config block, the
 * Raft voters as applied, the one conf change still needed). This class adds what needs the outside world: the
 * consenters' certificates ({@link ConsenterSet}), the reply to the update being ordered, the transport's channel
 * membership, metrics and observers.
 */
final class Reconfiguration {

    private final String channel;
    private final long self;
    private final ChannelRaftMetrics metrics;
    private final MembershipSink sink;
    private final ChainObserver observer;
    private final ConsenterChanges changes;

    private ConsenterSet consenters;
    private CompletableFuture<ConsenterUpdateResult> pending;
    private long pendingBlock = -1;

    Reconfiguration(String channel, long self, RaftLogger log, ChannelRaftMetrics metrics, MembershipSink sink,
                    ChainObserver observer, ConsenterSet consenters, Collection<Long> voters) {
        this.channel = channel;
        this.self = self;
        this.metrics = metrics;
        this.sink = sink;
        this.observer = observer;
        this.consenters = consenters;
        this.changes = new ConsenterChanges(channel, self, log, consenters.ids(), consenters.configBlock(), voters);
    }

    ConsenterSet consenters() {
        return consenters;
    }

    /** Whether {@code id} is a Raft voter as far as this chain has applied. */
    boolean voter(long id) {
        return changes.voter(id);
    }

    /** Whether transactions must wait: a config block in flight, or a conf change not applied yet. */
    boolean pausing() {
        return changes.pausing();
    }

    /** Whether an update is being ordered or applied (a second one is refused meanwhile). */
    boolean busy() {
        return pending != null || pausing();
    }

    String pauseReason() {
        return changes.pauseReason();
    }

    /** The Raft conf change the last config block still needs, if any. */
    Optional<ConfChange> needed() {
        return changes.needed();
    }

    /** What the leader does about the conf change still needed (propose it, or hand over when it removes itself). */
    Optional<ChainAction> nextStep() {
        return changes.nextStep();
    }

    /** The leader ordered a config block for an update; {@code reply} completes once it is applied. */
    void ordered(CompletableFuture<ConsenterUpdateResult> reply) {
        changes.configOrdered();
        pending = reply;
        pendingBlock = -1;
    }

    /** A config block is about to be written: the set changes (the block's metadata carries the new ids). */
    void configBlock(ConfigMetadata updated, long number) {
        consenters = consenters.next(updated, number);
        if (pending != null) {
            pendingBlock = number;
        }
        if (changes.configBlockWritten(number, consenters.ids())) {
            sink.consentersChanged(channel, consenters.byId(), false);
        }
    }

    /**
     * This node, which the pending update removes, sees another node lead after handing leadership over: it will not
     * apply the conf change itself (the remaining consenters stop replicating to it), so the update is answered
     * here; the new leader proposes the conf change at once.
     */
    void handedOver() {
        if (pending != null && pendingBlock >= 0 && !consenters.contains(self)) {
            complete(ConsenterUpdateResult.success(pendingBlock, consenters.ids()));
        }
    }

    /** The config block is in the ledger: an update that changes no consenter is done. */
    void configWritten() {
        if (pending != null && pendingBlock >= 0 && !pausing()) {
            complete(ConsenterUpdateResult.success(pendingBlock, consenters.ids()));
        }
    }

    /**
     * A committed conf change, applied to the Raft node. {@code replay}: already reflected in the ledger before a
     * restart, only the bookkeeping is redone. Returns true when it removes this node.
     */
    boolean confChangeApplied(ConfChange cc, boolean replay) {
        ConsenterChanges.Applied a = changes.confChangeApplied(cc, replay);
        if (replay) {
            return false;
        }
        if (a.changed()) {
            metrics.clusterSize(a.voters().size());
            sink.consentersChanged(channel, consenters.byId(), true);
            observer.consentersChanged(channel, self, consenters.configBlock(),
                    cc.getType() == io.raftlens.raft.core.pb.ConfChangeType.ConfChangeAddNode, cc.getNodeId(), consenters.ids());
        }
        if (pending != null && pendingBlock >= 0 && !pausing()) {
            complete(ConsenterUpdateResult.success(pendingBlock, consenters.ids()));
        }
        return a.removesSelf();
    }

    /** After catching up from a snapshot: the set from the pulled config blocks, the voters from the snapshot. */
    void reload(ConsenterSet fromLedger, Collection<Long> snapshotVoters) {
        consenters = fromLedger;
        if (changes.reload(fromLedger.ids(), fromLedger.configBlock(), snapshotVoters)) {
            metrics.clusterSize(snapshotVoters.size());
            sink.consentersChanged(channel, consenters.byId(), true);
        }
    }

    /** The config block proposal was dropped or leadership was lost before it committed. */
    void orderingFailed(String why, long leader) {
        if (changes.configOrderingFailed() && pending != null && pendingBlock < 0) {
            complete(ConsenterUpdateResult.unavailable(why, leader));
        }
    }

    /** This node halted after its removal: the update that removed it is done as far as it can tell. */
    void halted() {
        if (pending != null) {
            complete(pendingBlock >= 0 ? ConsenterUpdateResult.success(pendingBlock, consenters.ids())
                    : ConsenterUpdateResult.unavailable("node " + self + " stopped", 0));
        }
    }

    void fail(String why) {
        if (pending != null) {
            complete(ConsenterUpdateResult.unavailable(why, 0));
        }
    }

    private void complete(ConsenterUpdateResult r) {
        CompletableFuture<ConsenterUpdateResult> p = pending;
        pending = null;
        pendingBlock = -1;
        p.complete(r);
    }

    /** Go's %+v of a []uint64, as Fabric prints node lists: {@code [1 2 3]}. */
    static String goList(List<Long> ids) {
        return ConsenterChanges.goList(ids);
    }
}
