package io.raftlens.raft.core.sim;

import io.raftlens.raft.core.pb.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded, lossy network measured in ticks: each message is dropped, delayed by a random number of ticks,
 * duplicated, and (because equal delivery times are ordered randomly) reordered; a partition assigns nodes to
 * groups and drops every message between groups. {@link #calm()} turns all of that off (messages sent from
 * then on arrive in the same tick, in send order) without losing messages already in flight.
 */
final class SimNetwork {

    /** A message in flight; {@code incarnation} identifies the life of the sender that sent it. */
    record Envelope(Message message, long incarnation, long deliverAt, long order) { }

    private final SplittableRandom random;
    private static final Comparator<Envelope> DELIVERY_ORDER = (a, b) ->
            a.deliverAt != b.deliverAt ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.order, b.order);

    private final PriorityQueue<Envelope> inFlight = new PriorityQueue<>(DELIVERY_ORDER);
    private final Map<Long, Integer> group = new HashMap<>();
    private double dropRate;
    private double duplicateRate;
    private int maxDelay;
    private boolean reorder = true;
    private long sequence;
    private long sent;
    private long dropped;

    SimNetwork(SplittableRandom random, double dropRate, double duplicateRate, int maxDelay) {
        this.random = random;
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.maxDelay = maxDelay;
    }

    /** Reliable from now on: no drops, duplicates, delays or partitions. */
    void calm() {
        dropRate = 0;
        duplicateRate = 0;
        maxDelay = 0;
        reorder = false;
        group.clear();
    }

    /** Splits the nodes into the given groups (nodes not listed form one more group together). */
    void partition(List<List<Long>> groups) {
        group.clear();
        for (int g = 0; g < groups.size(); g++) {
            for (long id : groups.get(g)) {
                group.put(id, g);
            }
        }
    }

    void heal() {
        group.clear();
    }

    boolean partitioned() {
        return !group.isEmpty();
    }

    boolean connected(long a, long b) {
        return group.getOrDefault(a, -1).equals(group.getOrDefault(b, -1));
    }

    /** Returns false when the message was dropped at once. */
    boolean send(Message m, long incarnation, long now) {
        sent++;
        if (!connected(m.getFrom(), m.getTo()) || (dropRate > 0 && random.nextDouble() < dropRate)) {
            dropped++;
            return false;
        }
        enqueue(m, incarnation, now);
        if (duplicateRate > 0 && random.nextDouble() < duplicateRate) {
            enqueue(m, incarnation, now);
        }
        return true;
    }

    private void enqueue(Message m, long incarnation, long now) {
        long delay = maxDelay == 0 ? 0 : random.nextInt(maxDelay + 1);
        long order = reorder ? random.nextLong() : sequence++;
        inFlight.add(new Envelope(m, incarnation, now + delay, order));
    }

    /**
     * Removes and returns the next message due at {@code now}, or null. The caller checks {@link #connected}
     * at delivery: a partition formed while the message was in flight loses it.
     */
    Envelope poll(long now) {
        if (!inFlight.isEmpty() && inFlight.peek().deliverAt <= now) {
            return inFlight.poll();
        }
        return null;
    }

    void countLost() {
        dropped++;
    }

    boolean hasDue(long now) {
        return !inFlight.isEmpty() && inFlight.peek().deliverAt <= now;
    }

    /** Makes every message in flight due now (used when the network calms down). */
    void releaseAll(long now) {
        List<Envelope> all = new ArrayList<>(inFlight);
        all.sort(DELIVERY_ORDER);
        inFlight.clear();
        for (Envelope e : all) {
            inFlight.add(new Envelope(e.message, e.incarnation, now, reorder ? e.order : sequence++));
        }
    }

    long sent() {
        return sent;
    }

    long dropped() {
        return dropped;
    }
}
