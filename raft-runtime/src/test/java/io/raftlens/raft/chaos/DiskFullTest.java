package io.raftlens.raft.chaos;

import io.raftlens.raft.network.TestNetworks;
import io.raftlens.raft.faults.FullDiskChannel;
import io.raftlens.raft.faults.RootLogCapture;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.wal.FileChannelOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader's volume fills up under load: its WAL writes fail with ENOSPC (an injected channel at the node's
 * storage; see docs/reliability.md for the real full tmpfs run). The node stops
 * writing with a clear "disk full" error, acknowledges nothing it has not synced, the others keep ordering, and
 * once space is back and the node restarts from disk every ledger verifies and agrees.
 */
@Timeout(180)
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskOnTheLeaderStopsItsWritesClearlyWithoutLosingOrCorruptingAnything() throws Exception {
        int[] ports = TestNetworks.freePorts(3);
        NetworkPlan plan = ChaosPlans.plan(dir.resolve("data"), ports, 16L << 20);
        AtomicLong fullNode = new AtomicLong();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        long victim;
        try (RootLogCapture logs = new RootLogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false),
                     spec -> new FileChainStorage(spec, o -> o.withOpener((p, opts) -> new FullDiskChannel(
                             FileChannelOpener.DEFAULT.open(p, opts), () -> fullNode.get() == spec.id()))))) {
            victim = awaitLeader(net, 0);
            sendAll(net, numbered("before-", 30, ""), acked, Duration.ofSeconds(5));
            fullNode.set(victim);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int i = 0;
            long newLeader = 0;
            while (System.nanoTime() < deadline && (newLeader == 0 || acked.stream().noneMatch(t -> t.startsWith("during-")))) {
                // short: a broadcast held by the failed leader is never answered SUCCESS, and waiting longer proves nothing
                send(net, "during-" + i++, acked, Duration.ofSeconds(1));
                long l = net.leader(ChaosPlans.CHANNEL);
                newLeader = l != 0 && l != victim ? l : newLeader;
            }
            String full = logs.lines().stream().filter(l -> l.toLowerCase().contains("disk full")).findFirst()
                    .orElseThrow(() -> new AssertionError("no 'disk full' error logged; log: " + logs.lines().stream()
                            .filter(l -> l.startsWith("ERROR") || l.startsWith("WARN")).toList()));
            assertTrue(full.contains("free space"), "the error says how to fix it: " + full);
            assertTrue(newLeader != 0, "the others elected a new leader and kept ordering after node " + victim
                    + "'s disk filled; acknowledged during: " + acked.stream().filter(t -> t.startsWith("during-")).count());
            // space is freed; the node is restarted from what it has on disk
            net.killNode(victim);
            fullNode.set(0);
            net.startNode(victim);
            sendAll(net, numbered("after-", 10, ""), acked, Duration.ofSeconds(5));
            awaitSameHeight(net);
        }
        InJvmCluster.Stopped stopped = new InJvmCluster.Stopped(plan, dir.resolve("data"));
        LedgerAudit.Result r = LedgerAudit.audit(stopped, acked);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(acked.stream().anyMatch(t -> t.startsWith("after-")), "orders again after the restart");
    }

    private static void send(LocalNetwork net, String tx, Set<String> acked, Duration timeout) {
        try {
            if (net.broadcast(ChaosPlans.CHANNEL, null, tx.getBytes(StandardCharsets.UTF_8))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess()) {
                acked.add(tx);
            } else {
                Thread.sleep(50);
            }
        } catch (Exception e) {
            // not acknowledged
        }
    }

    /** {@code prefix0suffix … prefix(n-1)suffix}. */
    static List<String> numbered(String prefix, int n, String suffix) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i + suffix).toList();
    }

    /**
     * Broadcasts every transaction at once, as concurrent clients would (they share blocks instead of waiting a
     * batch timeout each), and records those answered SUCCESS within {@code timeout}.
     */
    static void sendAll(LocalNetwork net, List<String> txs, Set<String> acked, Duration timeout) {
        List<java.util.concurrent.CompletableFuture<io.raftlens.raft.node.BroadcastResult>> answers = new java.util.ArrayList<>();
        for (String tx : txs) {
            answers.add(net.broadcast(ChaosPlans.CHANNEL, null, tx.getBytes(StandardCharsets.UTF_8)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < txs.size(); i++) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                if (answers.get(i).get(left, TimeUnit.NANOSECONDS).isSuccess()) {
                    acked.add(txs.get(i));
                }
            } catch (Exception e) {
                // not acknowledged
            }
        }
    }

    static long awaitLeader(LocalNetwork net, long not) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long l = net.leader(ChaosPlans.CHANNEL);
            if (l != 0 && l != not) {
                return l;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader");
    }

    /** Every node runs and all hold one height that stays put for a second (see LedgerAudit.awaitConvergence). */
    static void awaitSameHeight(LocalNetwork net) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long stableSince = System.nanoTime();
        List<Long> last = List.of();
        while (System.nanoTime() < deadline) {
            List<Long> heights = net.nodes().stream().map(n -> n.isRunning()
                    ? n.chain(ChaosPlans.CHANNEL).orElseThrow().status().height() : -1L).toList();
            boolean same = heights.stream().distinct().count() == 1 && heights.get(0) >= 0;
            if (!same || !heights.equals(last)) {
                last = heights;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= 1_000_000_000L) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nodes did not converge: " + last);
    }
}
