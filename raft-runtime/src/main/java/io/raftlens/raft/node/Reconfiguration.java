package io.raftlens.raft.node;

import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.metrics.ChannelRaftMetrics;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A chain's consenter changes, on the chain thread (Fabric etcdraft's {@code detectConfChange}/{@code apply}
 * bookkeeping): the consenter set of the last config block written, the Raft voters as applied, and the update
 * being ordered. While they differ (a config block changed the set and the matching Raft conf change is not
 * applied yet), or while a config block is in flight, the chain accepts no transactions. Whichever node leads
 * proposes the missing conf change, so the change completes across leader changes and restarts.
 */
final class Reconfiguration {

    private final String channel;
    private final long self;
    private final RaftLogger log;
    private final ChannelRaftMetrics metrics;
    private final MembershipSink sink;
    private final ChainObserver observer;

    private ConsenterSet consenters;
    private final TreeSet<Long> voters = new TreeSet<>();
    private boolean configInflight;
    private CompletableFuture<ConsenterUpdateResult> pending;
    private long pendingBlock = -1;

    Reconfiguration(String channel, long self, RaftLogger log, ChannelRaftMetrics metrics, MembershipSink sink,
                    ChainObserver observer, ConsenterSet consenters, Collection<Long> voters) {
        this.channel = channel;
        this.self = self;
        this.log = log;
        this.metrics = metrics;
        this.sink = sink;
        this.observer = observer;
        this.consenters = consenters;
        this.voters.addAll(voters);
    }

    ConsenterSet consenters() {
        return consenters;
    }

    /** Whether {@code id} is a Raft voter as far as this chain has applied. */
    boolean voter(long id) {
        return voters.contains(id);
    }

    /** Whether transactions must wait: a config block in flight, or a conf change not applied yet. */
    boolean pausing() {
        return configInflight || needed().isPresent();
    }

    /** Whether an update is being ordered or applied (a second one is refused meanwhile). */
    boolean busy() {
        return pending != null || pausing();
    }

    String pauseReason() {
        if (configInflight) {
            return "a config transaction is being ordered on channel " + channel + "; retry once it is committed";
        }
        return "the consenter set of channel " + channel + " is changing; retry once the config change is applied";
    }

    /** The Raft conf change the last config block still needs, if any. */
    Optional<ConfChange> needed() {
        List<Long> add = new ArrayList<>();
        for (long id : consenters.byId().keySet()) {
            if (!voters.contains(id)) {
                add.add(id);
            }
        }
        if (!add.isEmpty()) {
            return Optional.of(change(ConfChangeType.ConfChangeAddNode, add.get(0)));
        }
        for (long id : voters) {
            if (!consenters.contains(id)) {
                return Optional.of(change(ConfChangeType.ConfChangeRemoveNode, id));
            }
        }
        return Optional.empty();
    }

    private static ConfChange change(ConfChangeType type, long node) {
        return ConfChange.newBuilder().setType(type).setNodeId(node).build();
    }

    /** The leader ordered a config block for an update; {@code reply} completes once it is applied. */
    void ordered(CompletableFuture<ConsenterUpdateResult> reply) {
        configInflight = true;
        pending = reply;
        pendingBlock = -1;
    }

    /** A config block is about to be written: the set changes (the block's metadata carries the new ids). */
    void configBlock(ConfigMetadata updated, long number) {
        configInflight = false;
        ConsenterSet before = consenters;
        consenters = before.next(updated, number);
        if (pending != null) {
            pendingBlock = number;
        }
        if (consenters.byId().keySet().equals(before.byId().keySet())) {
            return;
        }
        log.info("Config block [" + number + "] changes consenter set, communication should be reconfigured");
        sink.consentersChanged(channel, consenters.byId(), false);
        needed().ifPresent(cc -> log.info("Config block just committed "
                + (cc.getType() == ConfChangeType.ConfChangeAddNode ? "adds" : "removes") + " node "
                + cc.getNodeId() + ", pause accepting transactions till config change is applied"));
        if (!consenters.contains(self) && before.contains(self)) {
            log.warn("Detected eviction of ourselves from the configuration");
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
        List<Long> before = List.copyOf(voters);
        boolean add = cc.getType() == ConfChangeType.ConfChangeAddNode;
        if (add) {
            voters.add(cc.getNodeId());
        } else if (cc.getType() == ConfChangeType.ConfChangeRemoveNode) {
            voters.remove(cc.getNodeId());
        } else {
            return false;
        }
        if (replay) {
            return false;
        }
        List<Long> now = List.copyOf(voters);
        log.info("Applied config change to " + (add ? "add" : "remove") + " node " + cc.getNodeId()
                + ", current nodes in channel: " + goList(now));
        if (!now.equals(before)) {
            metrics.clusterSize(now.size());
            sink.consentersChanged(channel, consenters.byId(), true);
            observer.consentersChanged(channel, self, consenters.configBlock(), add, cc.getNodeId(), consenters.ids());
        }
        if (pending != null && pendingBlock >= 0 && !pausing()) {
            complete(ConsenterUpdateResult.success(pendingBlock, consenters.ids()));
        }
        return !add && cc.getNodeId() == self;
    }

    /** After catching up from a snapshot: the set from the pulled config blocks, the voters from the snapshot. */
    void reload(ConsenterSet fromLedger, Collection<Long> snapshotVoters) {
        boolean changed = !fromLedger.byId().keySet().equals(consenters.byId().keySet());
        consenters = fromLedger;
        voters.clear();
        voters.addAll(snapshotVoters);
        if (changed) {
            metrics.clusterSize(voters.size());
            sink.consentersChanged(channel, consenters.byId(), true);
        }
    }

    /** The config block proposal was dropped or leadership was lost before it committed. */
    void orderingFailed(String why, long leader) {
        if (configInflight) {
            configInflight = false;
            if (pending != null && pendingBlock < 0) {
                complete(ConsenterUpdateResult.unavailable(why, leader));
            }
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
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : " ").append(ids.get(i));
        }
        return b.append(']').toString();
    }
}
