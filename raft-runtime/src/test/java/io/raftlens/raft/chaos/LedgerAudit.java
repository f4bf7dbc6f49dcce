package io.raftlens.raft.chaos;

import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.orderer.LedgerVerifier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run checks, read from the stopped nodes' disks: every ledger verifies (the code behind
 * {@code raftlens ledger verify}), all nodes hold the same blocks, each acknowledged transaction is there exactly once.
 */
final class LedgerAudit {

    /** Per-run totals for the report. */
    record Result(long height, long transactions, int lost, int duplicated, List<String> problems) {
    }

    private LedgerAudit() {
    }

    /**
     * Waits until every node runs and all hold one height that stays put for a second: with the clients stopped
     * no block is being cut, so every node has applied every committed block before the network is stopped (a
     * node stopped before applying one still has it in its WAL, but the audit reads ledgers).
     */
    static void awaitConvergence(ChaosCluster cluster, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stableSince = 0;
        long stableHeight = -1;
        while (true) {
            List<ChaosCluster.View> views = cluster.ids().stream().map(cluster::view).toList();
            boolean converged = views.stream().allMatch(ChaosCluster.View::running)
                    && views.stream().map(ChaosCluster.View::height).distinct().count() == 1;
            long now = System.nanoTime();
            if (converged && views.get(0).height() == stableHeight) {
                if (now - stableSince >= 1_000_000_000L) {
                    return;
                }
            } else {
                stableHeight = converged ? views.get(0).height() : -1;
                stableSince = now;
            }
            if (now > deadline) {
                throw new AssertionError("nodes did not converge within " + timeout + ": " + views);
            }
            Thread.sleep(50);
        }
    }

    static Result audit(ChaosCluster cluster, Set<String> acknowledged) {
        List<String> problems = new ArrayList<>();
        List<String> reference = null;
        long height = 0;
        long txs = 0;
        int lost = 0;
        int duplicated = 0;
        for (long id : cluster.ids()) {
            Path ledgerDir = new LedgerDirectory(cluster.nodeDir(id)).ledgerDir(ChaosPlans.CHANNEL);
            LedgerVerifier.Result v = LedgerVerifier.verify(ChaosPlans.CHANNEL, ledgerDir);
            if (!v.valid()) {
                problems.add("node " + id + ": raftlens ledger verify: " + v.toJson());
            }
            List<String> hashes = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            try (FileLedger ledger = FileLedger.open(ledgerDir)) {
                Iterator<Block> it = ledger.iterator(0);
                while (it.hasNext()) {
                    Block b = it.next();
                    hashes.add(HexFormat.of().formatHex(Blocks.headerHash(b.getHeader())));
                    if (b.getHeader().getNumber() == 0) {
                        continue;
                    }
                    for (var d : b.getData().getDataList()) {
                        try {
                            seen.merge(Envelope.parseFrom(d).getPayload().toStringUtf8(), 1, Integer::sum);
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            problems.add("node " + id + ": block " + b.getHeader().getNumber() + " holds a non-envelope");
                        }
                    }
                }
            }
            int nodeLost = (int) acknowledged.stream().filter(tx -> !seen.containsKey(tx)).count();
            int nodeDup = (int) seen.values().stream().filter(c -> c > 1).count();
            if (nodeLost > 0) {
                problems.add("node " + id + ": " + nodeLost + " acknowledged transactions missing");
            }
            if (nodeDup > 0) {
                problems.add("node " + id + ": " + nodeDup + " transactions ordered more than once");
            }
            lost = Math.max(lost, nodeLost);
            duplicated = Math.max(duplicated, nodeDup);
            if (reference == null) {
                reference = hashes;
                height = hashes.size();
                txs = seen.values().stream().mapToLong(Integer::longValue).sum();
            } else if (!reference.equals(hashes)) {
                problems.add("node " + id + " holds other blocks (height " + hashes.size() + " vs " + reference.size() + ")");
            }
        }
        return new Result(height, txs, lost, duplicated, problems);
    }
}
