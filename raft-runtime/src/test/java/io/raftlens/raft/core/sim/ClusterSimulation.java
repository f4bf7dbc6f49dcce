package io.raftlens.raft.core.sim;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.ProposalDroppedException;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.Status;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfChangeType;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A deterministic, seeded simulation of one Raft cluster, in two phases.
 *
 * <p><b>Chaos</b> ({@link SimSettings#chaosTicks()} ticks): every tick, faults may strike (crash a node, also
 * right after it persisted a Ready; restart one; partition; heal), clients propose on random nodes, a leader may
 * transfer its leadership or change the membership, nodes compact their logs, every running node ticks, then
 * Ready handling and message delivery interleave in random order over a network that drops, delays, duplicates
 * and reorders; some work is left for the next tick.
 *
 * <p><b>Calm</b>: the network heals and turns reliable, every crashed node restarts from its storage, and from
 * then on each tick is much longer than a message round trip (as in Fabric: 500 ms ticks, sub-millisecond
 * loopback): after each node's tick every message is delivered and every Ready handled before the next node
 * ticks. A leader recognised by every node must appear within {@link #livenessBound(SimSettings)} ticks; the
 * cluster then commits a few more proposals, every node must apply exactly the leader's committed log, and
 * every committed entry must be held by a quorum.
 *
 * <p>Invariants ({@link SafetyChecker}) are checked after every single step of both phases.
 */
public final class ClusterSimulation implements SimNode.Env {

    /** What one run measured. */
    public record Result(long seed, long steps, long ticksToLeader, long committed, long messages, long lost, long crashes,
                         long snapshotsInstalled, long leaders, long refused) { }

    private final long seed;
    private final SimSettings settings;
    private final SplittableRandom random;
    private final SimNetwork network;
    private final SafetyChecker checker;
    private final TraceLog trace;
    private final RaftLogger logger;
    private final Map<Long, SimNode> nodes = new LinkedHashMap<>();
    private final List<Long> ids;          // every node, spares included
    private final List<Long> founders;     // the bootstrapped members
    private final Set<Long> retired = new HashSet<>();
    private boolean membershipChanged;
    private long lastRemoval = -1;
    private long now;
    private long steps;
    private long crashes;
    private long proposals;

    public ClusterSimulation(long seed, SimSettings settings, int traceCapacity) {
        this.seed = seed;
        this.settings = settings;
        this.random = new SplittableRandom(seed);
        this.network = new SimNetwork(random.split(), settings.dropRate(), settings.duplicateRate(), settings.maxDelay());
        this.ids = settings.allIds();
        this.founders = settings.ids();
        this.checker = new SafetyChecker(ids);
        this.trace = new TraceLog(traceCapacity);
        this.logger = trace.logger(() -> now);
        for (long id : ids) {
            nodes.put(id, new SimNode(id, settings, seed, this));
        }
    }

    /**
     * The liveness bound, in ticks after the calm phase starts (the network healed, crashed nodes restarted).
     *
     * <p>With PreVote (Fabric's setting): 2·ElectionTick ticks. Every node's randomized timeout is below
     * 2·ElectionTick ticks since its last reset, messages take no ticks in the calm phase (a 500 ms tick against a
     * sub-millisecond round trip), and a pre-candidate changes no one's term or timer, so the first node to time
     * out with a log at least as up to date as a quorum's wins in that very tick; a lagging node's attempt is
     * rejected without disturbing the others. (A stuck higher-term candidate left over from the chaos could in
     * principle cost a second timeout — none of the CI seeds does; a seed that ever does will show it in its trace.)
     * Message delays of a whole tick would void any such bound: two nodes can then campaign concurrently and split
     * the vote (tried: with delays of up to one tick, seed 409 of 600 splits a 5-node vote 2-2-1 and needs a
     * second round), which is why the calm phase models Fabric's tick, long against a round trip.
     *
     * <p>Without PreVote: 10·ElectionTick ticks, and only as a sanity bound: a lagging node that times out first
     * bumps everyone's term and resets their timers (etcd's TestDuelingCandidates; etcd-raft.md §2.7), which may
     * repeat, so no tight bound exists — the very disruption PreVote was made to prevent.
     */
    static long livenessBound(SimSettings s) {
        return s.preVote() ? 2L * s.electionTick() : 10L * s.electionTick();
    }

    public Result run() {
        for (long id : founders) {
            nodes.get(id).bootstrap(founders);
            checkStep(nodes.get(id));
        }
        for (int t = 0; t < settings.chaosTicks(); t++) {
            now++;
            faults();
            proposeRandomly();
            transferRandomly();
            changeMembershipRandomly();
            compactRandomly();
            for (long id : shuffledIds()) {
                tick(id);
            }
            drain(true);
        }
        if (!membershipChanged) {
            checkDurable(founders);
        }

        long calmStart = calm();
        long ticksToLeader = -1;
        long bound = livenessBound(settings);
        while (ticksToLeader < 0 && now - livenessClockStart(calmStart) < bound) {
            now++;
            for (long id : shuffledIds()) {
                tick(id);
                drain(false);
            }
            if (recognisedLeader() != 0) {
                ticksToLeader = now - livenessClockStart(calmStart);
            }
        }
        if (ticksToLeader < 0) {
            throw new AssertionError("liveness: no leader recognised by every member within " + bound
                    + " ticks after the network healed and every node restarted"
                    + (lastRemoval > calmStart ? " (counted from the removal at tick " + lastRemoval + ")" : "")
                    + "; " + statuses());
        }
        converge();
        checkDurable(members(recognisedLeader()));
        long snapshots = nodes.values().stream().mapToLong(SimNode::snapshotsInstalled).sum();
        long refused = nodes.values().stream().mapToLong(SimNode::refused).sum();
        return new Result(seed, steps, ticksToLeader, checker.committedIndex(), network.sent(), network.dropped(),
                crashes, snapshots, checker.leadersByTerm().size(), refused);
    }

    /**
     * Where the liveness clock starts: when the calm phase begins, or later, if a membership removal proposed
     * during the chaos commits in the calm phase — removing the leader (which steps down and halts) is a planned
     * loss of the leader, after which a new election needs its own election timeout.
     */
    private long livenessClockStart(long calmStart) {
        return Math.max(calmStart, lastRemoval);
    }

    /** Heals and calms the network, restarts every crashed node, and settles; returns the tick it started. */
    private long calm() {
        trace("calm: heal, reliable network, restart crashed nodes");
        network.calm();
        network.releaseAll(now);
        for (SimNode n : nodes.values()) {
            if (restartable(n)) {
                n.restart();
                checkStep(n);
            }
        }
        drain(false);
        return now;
    }

    /**
     * After a leader is recognised: a few proposals, then every node must have applied exactly the leader's
     * committed log, and the leader must not have changed (nothing disturbs a healthy cluster).
     */
    private void converge() {
        long leader = recognisedLeader();
        long term = nodes.get(leader).status().term();
        for (int i = 0; i < 3; i++) {
            propose(leader, "final-" + i);
            drain(false);
        }
        for (int t = 0; t < 2 * settings.electionTick(); t++) {
            now++;
            for (long id : shuffledIds()) {
                tick(id);
                drain(false);
            }
        }
        Status ls = nodes.get(leader).status();
        if (ls.role() != StateRole.LEADER || ls.term() != term) {
            throw new AssertionError("liveness: leader " + leader + " of term " + term
                    + " was replaced in a healthy cluster; " + statuses());
        }
        for (long member : members(leader)) {
            SimNode n = nodes.get(member);
            Status s = n.status();
            if (s.commit() != ls.commit() || n.appliedIndex() != ls.commit()) {
                throw new AssertionError("convergence: node " + n.id + " has commit " + s.commit() + ", applied "
                        + n.appliedIndex() + " but leader " + leader + " committed " + ls.commit() + "; " + statuses());
            }
        }
        if (checker.committedIndex() != ls.commit()) {
            throw new AssertionError("convergence: leader commit " + ls.commit() + " but index "
                    + checker.committedIndex() + " was committed");
        }
    }

    /** A node that is leader, with every member of its configuration at its term naming it leader; 0 if none. */
    private long recognisedLeader() {
        for (SimNode n : nodes.values()) {
            if (!n.running()) {
                continue;
            }
            Status s = n.status();
            if (s.role() != StateRole.LEADER) {
                continue;
            }
            boolean all = true;
            for (long member : s.progress().keySet()) {
                SimNode o = nodes.get(member);
                if (!o.running()) {
                    all = false;
                    break;
                }
                Status os = o.status();
                all &= os.leader() == n.id && os.term() == s.term();
            }
            if (all) {
                return n.id;
            }
        }
        return 0;
    }

    /** The members of the configuration of the (running) leader {@code leader}. */
    private List<Long> members(long leader) {
        return List.copyOf(new TreeSet<>(nodes.get(leader).status().progress().keySet()));
    }

    /** A node that was started once, is down now, and was not removed from the cluster. */
    private boolean restartable(SimNode n) {
        return n.started() && !n.running() && !retired.contains(n.id);
    }

    /**
     * Now and then the leader proposes a membership change, one at a time as Fabric allows: add the spare
     * consenter (started at once, empty, as a new orderer joins), or remove a member while more than three remain.
     */
    private void changeMembershipRandomly() {
        if (settings.spares() == 0 || random.nextDouble() >= 0.02) {
            return;
        }
        SimNode leader = null;
        for (SimNode n : nodes.values()) {
            if (n.running() && n.status().role() == StateRole.LEADER) {
                leader = n;
            }
        }
        if (leader == null) {
            return;
        }
        Set<Long> members = leader.status().progress().keySet();
        SimNode spare = null;
        for (SimNode n : nodes.values()) {
            if (!members.contains(n.id) && !n.started() && !retired.contains(n.id)) {
                spare = n;
            }
        }
        ConfChange cc;
        if (spare != null) {
            cc = ConfChange.newBuilder().setType(ConfChangeType.ConfChangeAddNode).setNodeId(spare.id).build();
        } else if (members.size() > 3) {
            List<Long> candidates = List.copyOf(new TreeSet<>(members));
            cc = ConfChange.newBuilder().setType(ConfChangeType.ConfChangeRemoveNode)
                    .setNodeId(candidates.get(random.nextInt(candidates.size()))).build();
        } else {
            return;
        }
        try {
            leader.raw().proposeConfChange(cc);
            trace("propose " + cc.getType() + " " + cc.getNodeId() + " on " + leader.id);
            if (spare != null) {
                spare.join();
                checkStep(spare);
            }
        } catch (ProposalDroppedException e) {
            trace("propose " + cc.getType() + " " + cc.getNodeId() + " on " + leader.id + " dropped: " + e.getMessage());
        }
        checkStep(leader);
    }

    /**
     * A committed removal takes the node out for good: it halts (as a Fabric orderer evicted from the consenter
     * set does) and the transport refuses its traffic (as etcd's and Fabric's do for removed members).
     */
    @Override
    public void confChangeApplied(ConfChange cc) {
        boolean bootstrapEntry = cc.getType() == ConfChangeType.ConfChangeAddNode && founders.contains(cc.getNodeId());
        membershipChanged |= !bootstrapEntry;
        if (cc.getType() == ConfChangeType.ConfChangeRemoveNode && retired.add(cc.getNodeId())) {
            trace("retire " + cc.getNodeId());
            lastRemoval = now;
            SimNode n = nodes.get(cc.getNodeId());
            if (n.running()) {
                n.crash();
            }
        }
    }

    private void faults() {
        if (random.nextDouble() < 0.02) {
            SimNode victim = nodes.get(ids.get(random.nextInt(ids.size())));
            if (victim.running()) {
                crashes++;
                victim.crash();
                checkStep();
            }
        }
        for (SimNode n : nodes.values()) {
            if (restartable(n) && random.nextDouble() < 0.1) {
                n.restart();
                checkStep(n);
            }
        }
        if (!network.partitioned() && random.nextDouble() < 0.03) {
            List<Long> shuffled = shuffledIds();
            int cut = 1 + random.nextInt(ids.size() - 1);
            network.partition(List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size())));
            trace("partition " + shuffled.subList(0, cut) + " | " + shuffled.subList(cut, shuffled.size()));
        } else if (network.partitioned() && random.nextDouble() < 0.08) {
            network.heal();
            trace("heal");
        }
    }

    private void proposeRandomly() {
        if (random.nextDouble() >= 0.4) {
            return;
        }
        long target = ids.get(random.nextInt(ids.size()));
        for (SimNode n : nodes.values()) {
            if (n.running() && n.status().role() == StateRole.LEADER && random.nextDouble() < 0.8) {
                target = n.id;
            }
        }
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            propose(target, "s" + seed + "-p" + proposals);
        }
    }

    /** Now and then a leader hands over to a random peer (MsgTimeoutNow), as Fabric does when it abdicates. */
    private void transferRandomly() {
        if (random.nextDouble() >= 0.01) {
            return;
        }
        for (SimNode n : nodes.values()) {
            if (n.running() && n.status().role() == StateRole.LEADER) {
                long to = ids.get(random.nextInt(ids.size()));
                trace("transfer leadership of " + n.id + " to " + to);
                n.raw().transferLeader(to);
                checkStep(n);
                return;
            }
        }
    }

    private void propose(long target, String payload) {
        SimNode n = nodes.get(target);
        if (!n.running()) {
            return;
        }
        proposals++;
        try {
            n.raw().propose(ByteString.copyFromUtf8(payload));
            trace("propose " + payload + " on " + target);
        } catch (ProposalDroppedException e) {
            trace("propose " + payload + " on " + target + " dropped: " + e.getMessage());
        }
        checkStep(n);
    }

    private void compactRandomly() {
        for (SimNode n : nodes.values()) {
            if (random.nextDouble() < 0.05) {
                n.compact(random.nextInt(4));
                checkStep();
            }
        }
    }

    private void tick(long id) {
        SimNode n = nodes.get(id);
        if (n.running()) {
            n.raw().tick();
            checkStep(n);
        }
    }

    /**
     * Interleaves Ready handling and message delivery in random order until neither is left; in the chaos
     * phase some of that work is randomly left for the next tick (a slow disk, a busy node).
     */
    private void drain(boolean chaos) {
        for (int guard = 0; ; guard++) {
            if (guard > 100_000) {
                throw new AssertionError("no quiescence after 100000 actions in one tick (message storm)");
            }
            List<SimNode> ready = new ArrayList<>();
            for (SimNode n : nodes.values()) {
                if (n.hasWork()) {
                    ready.add(n);
                }
            }
            boolean due = network.hasDue(now);
            if (ready.isEmpty() && !due) {
                return;
            }
            if (chaos && random.nextDouble() < 0.03) {
                return;
            }
            if (!ready.isEmpty() && (!due || random.nextBoolean())) {
                SimNode n = chaos ? ready.get(random.nextInt(ready.size())) : ready.get(0);
                boolean crash = chaos && random.nextDouble() < 0.003;
                if (crash) {
                    crashes++;
                }
                n.work(crash, !chaos || random.nextBoolean());
                checkStep(n);
            } else {
                Message m = deliver(network.poll(now));
                checkStep(nodes.get(m.getFrom()), nodes.get(m.getTo()));
            }
        }
    }

    /** Delivers (or loses) one message; returns it. */
    private Message deliver(SimNetwork.Envelope envelope) {
        Message m = envelope.message();
        SimNode to = nodes.get(m.getTo());
        SimNode from = nodes.get(m.getFrom());
        boolean senderAlive = from.running() && from.incarnation() == envelope.incarnation();
        if (!to.running() || !network.connected(m.getFrom(), m.getTo())
                || retired.contains(m.getFrom()) || retired.contains(m.getTo())) {
            network.countLost();
            if (senderAlive) {
                from.reportLost(m);
            }
            return m;
        }
        if (trace.enabled()) {
            trace("deliver " + m.getType() + " " + m.getFrom() + "->" + m.getTo() + " term " + m.getTerm()
                    + " log " + m.getLogTerm() + "/" + m.getIndex() + " commit " + m.getCommit()
                    + " entries " + m.getEntriesCount() + (m.getReject() ? " rejected" : ""));
        }
        to.receive(m);
        if (m.getType() == MessageType.MsgSnap && senderAlive) {
            from.reportSnapshotDelivered(m.getTo());
        }
        return m;
    }

    /**
     * Checks the in-memory invariants after a step. A step changes only the nodes it touched (the others' state
     * is exactly as at their last check), so only those are examined.
     */
    private void checkStep(SimNode... touched) {
        steps++;
        for (SimNode n : touched) {
            if (n.running()) {
                Status s = n.status();
                checker.status(n.id, s.term(), s.commit(), s.role());
            }
        }
    }

    private void checkDurable(List<Long> members) {
        checker.checkDurable(members, (node, index) -> nodes.get(node).termOrUnknown(index),
                node -> nodes.get(node).snapshotIndex());
    }

    private List<Long> shuffledIds() {
        List<Long> order = new ArrayList<>(ids);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Long tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order;
    }

    private String statuses() {
        StringBuilder sb = new StringBuilder("nodes:");
        for (SimNode n : nodes.values()) {
            if (!n.running()) {
                sb.append(" [").append(n.id).append(" down]");
                continue;
            }
            Status s = n.status();
            sb.append(" [").append(n.id).append(' ').append(s.role().etcdName()).append(" term ").append(s.term())
                    .append(" vote ").append(s.vote()).append(" lead ").append(s.leader()).append(" commit ")
                    .append(s.commit()).append(" applied ").append(n.appliedIndex()).append(" last ")
                    .append(n.storage().lastIndex());
            if (s.role() == StateRole.LEADER) {
                sb.append(" progress ").append(s.progress());
            }
            sb.append(']');
        }
        return sb.toString();
    }

    String traceDump() {
        return trace.dump();
    }

    // SimNode.Env

    @Override
    public long now() {
        return now;
    }

    @Override
    public SafetyChecker checker() {
        return checker;
    }

    @Override
    public boolean send(Message m, long incarnation) {
        return network.send(m, incarnation, now);
    }

    @Override
    public RaftLogger logger() {
        return logger;
    }

    @Override
    public void trace(String event) {
        if (trace.enabled()) {
            trace.add("t" + now + " " + event);
        }
    }
}
