package io.raftlens.raft.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jepsen-style schedule against a {@link ChaosCluster}: clients broadcast continuously while, round after round,
 * a node is killed (the leader every other time, else a random follower) and restarted, and every third round
 * the network is split into a minority and a majority (the leader in the minority half the time) and healed; then
 * every node crashes at once and the network restarts from disk. Returns what was acknowledged.
 *
 * <p>The run is bounded by its {@link Budget}: a number of rounds (the suite's default: kill the leader,
 * partition, kill a follower) or a duration of faults ({@code -Draftlens.chaos.seconds}). A killed node stays down
 * until the others have ordered {@value #BLOCKS_WHILE_DOWN} more blocks (well past the next snapshot and the
 * entries kept behind it), so its restart catches up from a snapshot because of what happened, not because a
 * sleep happened to be long enough.
 */
final class ChaosRun {

    /** What a run did, for the assertions and docs/reliability.md. */
    record Outcome(Set<String> acknowledged, int crashes, int leaderCrashes, int partitions, int attempts,
                   long millis) {
    }

    /** How long the fault phase lasts: {@code rounds} rounds, or rounds until {@code faults} have passed. */
    record Budget(int rounds, Duration faults) {

        static Budget rounds(int n) {
            return new Budget(n, null);
        }

        static Budget duration(Duration d) {
            return new Budget(Integer.MAX_VALUE, d);
        }

        /** {@code -Draftlens.chaos.seconds=N}: N seconds of faults; else {@code -Draftlens.chaos.rounds} (default 3). */
        static Budget fromSystemProperties() {
            Long seconds = Long.getLong("raftlens.chaos.seconds");
            return seconds != null ? duration(Duration.ofSeconds(seconds))
                    : rounds(Integer.getInteger("raftlens.chaos.rounds", 3));
        }

        boolean allows(int round, long startNanos) {
            return round < rounds && (faults == null || System.nanoTime() - startNanos < faults.toNanos());
        }

        @Override
        public String toString() {
            return faults == null ? rounds + " fault rounds" : faults.toSeconds() + " s of faults";
        }
    }

    /** Blocks the others order while a killed node is down: past a snapshot at 8 KB (about 13 blocks) plus the 4 entries kept behind it. */
    static final int BLOCKS_WHILE_DOWN = 25;

    private final ChaosCluster cluster;
    private final Random random;
    private final Budget budget;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean clientsRun = new AtomicBoolean(true);
    private final List<String> log = new ArrayList<>();
    private final long created = System.nanoTime();

    ChaosRun(ChaosCluster cluster, long seed, Budget budget) {
        this.cluster = cluster;
        this.random = new Random(seed);
        this.budget = budget;
    }

    Outcome run(int clients) throws Exception {
        long t0 = System.nanoTime();
        awaitLeader(Duration.ofSeconds(30));
        note("leader " + currentLeader());
        List<Thread> threads = startClients(clients);
        int crashes = 0;
        int leaderCrashes = 0;
        int partitions = 0;
        try {
            awaitAcks(20, Duration.ofSeconds(30));
            note("20 acknowledged");
            long start = System.nanoTime();
            for (int round = 0; budget.allows(round, start); round++) {
                if (round % 3 != 1) {
                    long leader = currentLeader();
                    boolean hitLeader = leader != 0 && crashes % 2 == 0; // the leader every other crash
                    long victim = hitLeader ? leader : randomOther(leader);
                    cluster.kill(victim);
                    crashes++;
                    leaderCrashes += hitLeader ? 1 : 0;
                    note("kill -9 node " + victim + (hitLeader ? " (leader)" : ""));
                    long heightAtKill = height();
                    Thread.sleep(200 + random.nextInt(800)); // down at least a little, however fast the others order
                    awaitHeight(heightAtKill + BLOCKS_WHILE_DOWN, Duration.ofSeconds(15));
                    cluster.start(victim);
                    note("restart node " + victim);
                } else {
                    List<List<Long>> groups = split();
                    cluster.partition(groups);
                    partitions++;
                    note("partition " + groups);
                    Thread.sleep(1_500 + random.nextInt(1_500));
                    cluster.healAll();
                    note("heal");
                }
                int before = acknowledged.size();
                awaitAcks(before + 5, Duration.ofSeconds(30)); // the network recovers between faults
                note(acknowledged.size() + " acknowledged");
            }
            Thread.sleep(300);
            cluster.killAll();
            crashes += cluster.ids().size();
            note("kill -9 every node at once");
        } finally {
            clientsRun.set(false);
            for (Thread t : threads) {
                t.join(20_000);
            }
        }
        note("clients stopped");
        cluster.startAll();
        note("restart every node from disk");
        awaitLeader(Duration.ofSeconds(60));
        note("leader " + currentLeader());
        // one more transaction after the restart: the network orders again
        String tx = "after-restart";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"SUCCESS".equals(safeBroadcast(tx)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        note("ordered after the restart");
        return new Outcome(Set.copyOf(acknowledged), crashes, leaderCrashes, partitions, attempts.get(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    List<String> log() {
        return log;
    }

    private String safeBroadcast(String tx) {
        try {
            String s = cluster.broadcast(tx.getBytes(StandardCharsets.UTF_8));
            if ("SUCCESS".equals(s)) {
                acknowledged.add(tx);
            }
            return s;
        } catch (Exception e) {
            return "ERROR";
        }
    }

    private List<Thread> startClients(int count) {
        List<Thread> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int seq = 0; clientsRun.get(); seq++) {
                    attempts.incrementAndGet();
                    // unique per attempt and never retried: a duplicate in a ledger is the network's doing
                    String tx = "tx-" + client + "-" + seq + "-" + "x".repeat(64);
                    if (!"SUCCESS".equals(safeBroadcast(tx))) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "chaos-client-" + c);
            t.setDaemon(true);
            t.start();
            out.add(t);
        }
        return out;
    }

    private long currentLeader() {
        for (long id : cluster.ids()) {
            ChaosCluster.View v = cluster.view(id);
            if (v.running() && "leader".equals(v.role())) {
                return id;
            }
        }
        return 0;
    }

    private long randomOther(long leader) {
        List<Long> others = cluster.ids().stream().filter(id -> id != leader).toList();
        return others.get(random.nextInt(others.size()));
    }

    /** A minority and a majority; the leader lands in the minority half the time. */
    private List<List<Long>> split() {
        List<Long> ids = new ArrayList<>(cluster.ids());
        java.util.Collections.shuffle(ids, random);
        long leader = currentLeader();
        if (leader != 0 && random.nextBoolean()) {
            ids.remove(leader);
            ids.add(0, leader);
        }
        int minority = 1 + random.nextInt(2);
        return List.of(List.copyOf(ids.subList(0, minority)), List.copyOf(ids.subList(minority, ids.size())));
    }

    private void awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (currentLeader() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no leader within " + timeout + "; schedule: " + log);
            }
            Thread.sleep(50);
        }
    }

    /** The highest ledger height among the running nodes. */
    private long height() {
        long h = 0;
        for (long id : cluster.ids()) {
            ChaosCluster.View v = cluster.view(id);
            if (v.running()) {
                h = Math.max(h, v.height());
            }
        }
        return h;
    }

    /**
     * Waits until the running nodes reach {@code target}; gives up quietly after {@code atMost} (the run goes on;
     * the catch-up check at the end says whether any restart needed a snapshot).
     */
    private void awaitHeight(long target, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (height() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        note("height " + height() + " (wanted " + target + ")");
    }

    private void awaitAcks(int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress (" + acknowledged.size() + " acknowledged, wanted " + atLeast
                        + ") within " + timeout + "; schedule: " + log);
            }
            Thread.sleep(20);
        }
    }

    private void note(String s) {
        log.add(String.format("%.1fs %s", (System.nanoTime() - created) / 1e9, s));
    }
}
