package io.raftlens.raft.node.core;

import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A channel's consenter changes as Fabric's etcdraft applies them ({@code detectConfChange} and {@code apply} in
 * chain.go): the consenter ids of the last config block written, and the Raft voters as applied. While the two
 * differ, the Raft conf change that closes the difference is proposed by whichever node leads, one single-node
 * change at a time (Fabric never uses joint consensus), and transactions wait. A node applying its own removal
 * halts. Pure: the driver ({@code node.Reconfiguration}) keeps the consenters' certificates, replies and metrics.
 */
public final class ConsenterChanges {

    /** What applying a committed conf change did. */
    public record Applied(boolean changed, boolean removesSelf, List<Long> voters) {
    }

    private final String channel;
    private final long self;
    private final RaftLogger log;
    private List<Long> consenters;
    private long configBlock;
    private final TreeSet<Long> voters = new TreeSet<>();
    private boolean configInflight;

    /**
     * @param consenters  the Raft ids of the last config block's consenters
     * @param configBlock that block's number
     * @param voters      the Raft voters as applied (from the WAL's or the snapshot's ConfState)
     */
    public ConsenterChanges(String channel, long self, RaftLogger log, List<Long> consenters, long configBlock,
                            Collection<Long> voters) {
        this.channel = channel;
        this.self = self;
        this.log = log;
        this.consenters = List.copyOf(consenters);
        this.configBlock = configBlock;
        this.voters.addAll(voters);
    }

    public List<Long> consenters() {
        return consenters;
    }

    public long configBlock() {
        return configBlock;
    }

    public List<Long> voters() {
        return List.copyOf(voters);
    }

    /** Whether {@code id} is a Raft voter as far as this chain has applied. */
    public boolean voter(long id) {
        return voters.contains(id);
    }

    /** Whether transactions must wait: a config block in flight, or a conf change not applied yet. */
    public boolean pausing() {
        return configInflight || needed().isPresent();
    }

    public String pauseReason() {
        if (configInflight) {
            return "a config transaction is being ordered on channel " + channel + "; retry once it is committed";
        }
        return "the consenter set of channel " + channel + " is changing; retry once the config change is applied";
    }

    /** The single Raft conf change the last config block still needs: additions first, lowest id first. */
    public Optional<ConfChange> needed() {
        for (long id : new TreeSet<>(consenters)) {
            if (!voters.contains(id)) {
                return Optional.of(change(ConfChangeType.ConfChangeAddNode, id));
            }
        }
        for (long id : voters) {
            if (!consenters.contains(id)) {
                return Optional.of(change(ConfChangeType.ConfChangeRemoveNode, id));
            }
        }
        return Optional.empty();
    }

    /**
     * What the leader does about {@link #needed}: propose it, or — when it removes the leader itself — hand
     * leadership over first, so that the next leader proposes it (Fabric's leader abdicates before it is removed).
     */
    public Optional<ChainAction> nextStep() {
        return needed().map(cc -> cc.getType() == ConfChangeType.ConfChangeRemoveNode && cc.getNodeId() == self
                ? new ChainAction.HandOverLeadership() : new ChainAction.ProposeConfChange(cc));
    }

    /** The leader ordered a config block: transactions wait until it is written. */
    public void configOrdered() {
        configInflight = true;
    }

    /** The config block's proposal was dropped or leadership was lost first; returns whether one was in flight. */
    public boolean configOrderingFailed() {
        boolean was = configInflight;
        configInflight = false;
        return was;
    }

    /** Config block {@code number} with consenters {@code ids} is written; returns whether the set changed. */
    public boolean configBlockWritten(long number, List<Long> ids) {
        configInflight = false;
        List<Long> before = consenters;
        consenters = List.copyOf(ids);
        configBlock = number;
        if (new TreeSet<>(before).equals(new TreeSet<>(ids))) {
            return false;
        }
        log.info("Config block [" + number + "] changes consenter set, communication should be reconfigured");
        needed().ifPresent(cc -> log.info("Config block just committed "
                + (cc.getType() == ConfChangeType.ConfChangeAddNode ? "adds" : "removes") + " node "
                + cc.getNodeId() + ", pause accepting transactions till config change is applied"));
        if (!ids.contains(self) && before.contains(self)) {
            log.warn("Detected eviction of ourselves from the configuration");
        }
        return true;
    }

    /**
     * A committed conf change was applied to the Raft node. {@code replay}: already reflected in the ledger before
     * a restart, only the bookkeeping is redone (no lines).
     */
    public Applied confChangeApplied(ConfChange cc, boolean replay) {
        List<Long> before = List.copyOf(voters);
        boolean add = cc.getType() == ConfChangeType.ConfChangeAddNode;
        if (add) {
            voters.add(cc.getNodeId());
        } else if (cc.getType() == ConfChangeType.ConfChangeRemoveNode) {
            voters.remove(cc.getNodeId());
        } else {
            return new Applied(false, false, before);
        }
        List<Long> now = List.copyOf(voters);
        if (replay) {
            return new Applied(false, false, now);
        }
        log.info("Applied config change to " + (add ? "add" : "remove") + " node " + cc.getNodeId()
                + ", current nodes in channel: " + goList(now));
        boolean removesSelf = !add && cc.getNodeId() == self;
        if (removesSelf) {
            log.info("This node is being removed from replica set");
        }
        return new Applied(!now.equals(before), removesSelf, now);
    }

    /** After catching up from a snapshot: the set from the pulled config blocks, the voters from the snapshot. */
    public boolean reload(List<Long> ids, long number, Collection<Long> snapshotVoters) {
        boolean changed = !new TreeSet<>(ids).equals(new TreeSet<>(consenters));
        consenters = List.copyOf(ids);
        configBlock = number;
        voters.clear();
        voters.addAll(snapshotVoters);
        return changed;
    }

    /** Go's %+v of a []uint64, as Fabric prints node lists: {@code [1 2 3]}. */
    public static String goList(List<Long> ids) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : " ").append(ids.get(i));
        }
        return b.append(']').toString();
    }

    private static ConfChange change(ConfChangeType type, long node) {
        return ConfChange.newBuilder().setType(type).setNodeId(node).build();
    }
}
