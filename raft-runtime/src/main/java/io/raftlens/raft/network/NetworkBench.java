package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load and fault measurements against a network: throughput with latency from broadcast to committed block
 * (closed loop with a window of outstanding transactions, or open loop at a fixed rate), leader fail-over after a
 * crash, and graceful hand-over. Results are plain maps, printed as text or JSON by the CLI.
 */
public final class NetworkBench {

    private final BenchTarget target;
    private final String channel;

    public NetworkBench(BenchTarget target, String channel) {
        this.target = target;
        this.channel = channel;
    }

    /** Waits for an agreed leader; returns {leader, term}. */
    public long[] awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long[] l = target.agreedLeader(channel);
            if (l[0] != 0) {
                return l;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no agreed leader on " + channel + " within " + timeout.toSeconds() + " s");
    }

    /**
     * Sends {@code txSize}-byte transactions for {@code duration}: with {@code rate} 0 keeps {@code window}
     * broadcasts outstanding (maximum throughput), else paces at {@code rate} tx/s.
     */
    public Map<String, Object> throughput(Duration duration, int txSize, int window, int rate) throws InterruptedException {
        Semaphore outstanding = new Semaphore(window);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, LongAdder> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        LatencyRecorder latencies = new LatencyRecorder();
        ResourceSampler resources = new ResourceSampler();
        byte[] pad = new byte[Math.max(0, txSize - 16)];
        Arrays.fill(pad, (byte) 'x');
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        OpenLoopPacer pacer = new OpenLoopPacer(rate, start);
        resources.start();
        while (System.nanoTime() < end) {
            if (!pacer.due()) {
                continue;
            }
            if (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            byte[] tx = new byte[txSize];
            byte[] id = HexFormat.of().toHexDigits(seq.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(id, 0, tx, 0, Math.min(id.length, txSize));
            if (txSize > 16) {
                System.arraycopy(pad, 0, tx, 16, pad.length);
            }
            long t0 = System.nanoTime();
            CompletableFuture<BroadcastResult> f;
            try {
                f = target.broadcast(channel, tx);
            } catch (RuntimeException e) {
                outstanding.release();
                failed.increment();
                continue;
            }
            f.whenComplete((r, err) -> {
                outstanding.release();
                if (err == null && r.isSuccess()) {
                    ok.increment();
                    latencies.record(System.nanoTime() - t0);
                } else {
                    failed.increment();
                    String why = err != null ? String.valueOf(err.getMessage()) : r.info();
                    reasons.computeIfAbsent(why.replaceAll("\\d+", "N"), k -> new LongAdder()).increment();
                }
            });
        }
        outstanding.tryAcquire(window, 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("txSize", txSize);
        r.put("mode", rate > 0 ? "open loop at " + rate + " tx/s" : "closed loop, window " + window);
        r.put("seconds", round(seconds));
        r.put("committed", ok.sum());
        r.put("failed", failed.sum());
        if (!reasons.isEmpty()) {
            Map<String, Long> why = new java.util.TreeMap<>();
            reasons.forEach((k, v) -> why.put(k, v.sum()));
            r.put("failures", why);
        }
        r.put("txPerSecond", round(ok.sum() / seconds));
        r.put("latencyMs", latencies.percentiles());
        r.putAll(resources.stop());
        return r;
    }

    /**
     * Crashes (or gracefully stops) the leader {@code kills} times, every {@code every}: the fail-over time is from
     * the stop request to the moment every other running node agrees on a new leader; with a target that reports
     * state changes, that moment is the last node's leader-change callback itself (no polling delay). The node is
     * restarted before the next round.
     */
    public Map<String, Object> failover(int kills, Duration every, boolean graceful) throws InterruptedException {
        List<Double> times = new ArrayList<>();
        List<Long> termSteps = new ArrayList<>();
        // Settle first, as between rounds: a leader stopped within milliseconds of its election has not heard
        // back from any follower yet, so (as Fabric's abdicateLeadership) it finds no active transferee.
        awaitLeader(Duration.ofSeconds(60));
        Thread.sleep(every.toMillis());
        for (int i = 0; i < kills; i++) {
            long[] leader = awaitLeader(Duration.ofSeconds(60));
            long old = leader[0];
            NewLeader next = new NewLeader(target, channel, old);
            java.util.Optional<AutoCloseable> sub = target.onStateChange(next::check);
            // Stop or kill on a thread started beforehand (its start-up is not part of the hand-over): the hand-over
            // happens during a graceful stop, which then goes on flushing and closing; the time measured is until
            // the others agree on a new leader.
            CompletableFuture<Void> go = new CompletableFuture<>();
            Thread stopper = new Thread(() -> {
                go.join();
                if (graceful) {
                    target.stop(old);
                } else {
                    target.kill(old);
                }
            }, "bench-stop");
            stopper.start();
            long t0 = System.nanoTime();
            go.complete(null);
            long[] agreed;
            try {
                agreed = sub.isPresent() ? next.await(Duration.ofSeconds(60)) : next.poll(Duration.ofSeconds(60));
            } finally {
                if (sub.isPresent()) {
                    closeQuietly(sub.get());
                }
            }
            if (agreed == null) {
                throw new IllegalStateException("no new leader within 60 s after stopping node " + old);
            }
            times.add((agreed[2] - t0) / 1e6);
            termSteps.add(agreed[1] - leader[1]);
            stopper.join();
            target.start(old);
            Thread.sleep(every.toMillis());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(graceful ? "gracefulStops" : "leaderKills", kills);
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        r.put("medianMs", round(percentile(sorted, 50)));
        r.put("minMs", round(sorted[0]));
        r.put("maxMs", round(sorted[sorted.length - 1]));
        r.put("p90Ms", round(percentile(sorted, 90)));
        r.put("termIncrements", termSteps);
        r.put("allMs", times.stream().map(NetworkBench::round).toList());
        return r;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // removing a listener from a list does not fail
        }
    }

    /** The first moment every running node but {@code old} agrees on another leader: {leader, term, nanoTime}. */
    static final class NewLeader {
        private final BenchTarget target;
        private final String channel;
        private final long old;
        private final CompletableFuture<long[]> agreed = new CompletableFuture<>();

        NewLeader(BenchTarget target, String channel, long old) {
            this.target = target;
            this.channel = channel;
            this.old = old;
        }

        /** Called on every state change (any node's thread); completes on the first that finds agreement. */
        void check() {
            if (agreed.isDone()) {
                return;
            }
            long[] l = target.agreedLeader(channel, old);
            long now = System.nanoTime();
            if (l[0] != 0 && l[0] != old) {
                agreed.complete(new long[] {l[0], l[1], now});
            }
        }

        long[] await(Duration timeout) throws InterruptedException {
            try {
                return agreed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        /** For targets that cannot report changes (the control API): checks every 200 µs. */
        long[] poll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!agreed.isDone() && System.nanoTime() < deadline) {
                check();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            return agreed.getNow(null);
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Latencies in microsecond buckets up to 60 s (lock-free). */
    static final class LatencyRecorder {
        private final AtomicLong[] counts = new AtomicLong[60_001];

        LatencyRecorder() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new AtomicLong();
            }
        }

        void record(long nanos) {
            int ms10 = (int) Math.min(counts.length - 1, nanos / 1_000_000); // 1 ms buckets
            counts[ms10].incrementAndGet();
        }

        Map<String, Object> percentiles() {
            long total = 0;
            for (AtomicLong c : counts) {
                total += c.get();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (double p : new double[] {50, 90, 99, 99.9}) {
                long want = (long) Math.ceil(p / 100 * total);
                long seen = 0;
                int at = 0;
                for (; at < counts.length; at++) {
                    seen += counts[at].get();
                    if (seen >= want && want > 0) {
                        break;
                    }
                }
                m.put("p" + (p == Math.floor(p) ? String.valueOf((int) p) : String.valueOf(p)), total == 0 ? null : at + 1);
            }
            return m;
        }
    }

    /** Process CPU (cores busy on average) and heap use while a run lasts. */
    static final class ResourceSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private volatile boolean running;
        private volatile long maxHeap;
        private long cpu0;
        private long t0;
        private Thread sampler;

        void start() {
            running = true;
            cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            sampler = new Thread(() -> {
                while (running) {
                    maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        Map<String, Object> stop() {
            running = false;
            sampler.interrupt();
            Map<String, Object> m = new LinkedHashMap<>();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            m.put("processCpuCores", round(cpu / wall));
            m.put("availableCores", Runtime.getRuntime().availableProcessors());
            m.put("maxHeapUsedMiB", round(maxHeap / 1048576.0));
            m.put("heapMaxMiB", round(Runtime.getRuntime().maxMemory() / 1048576.0));
            return m;
        }
    }
}
