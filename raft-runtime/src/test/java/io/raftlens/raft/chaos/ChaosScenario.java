package io.raftlens.raft.chaos;

import io.raftlens.raft.faults.KeyLeaks;
import io.raftlens.raft.faults.RootLogCapture;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos scenario both variants run: a seeded fault schedule under load, convergence, then the audit — every
 * acknowledged transaction exactly once in ledgers that verify and agree, snapshot catch-ups seen, and no private
 * key in this JVM's log. {@code -Draftlens.chaos.seconds=N} runs the fault phase for N seconds instead of
 * {@code -Draftlens.chaos.rounds} rounds (default 3: kill the leader, partition, kill a follower),
 * {@code -Draftlens.chaos.seed=S} replays a schedule.
 */
final class ChaosScenario {

    /** Builds the cluster once this JVM's log is being captured (in-JVM nodes log from the start). */
    interface ClusterFactory {
        ChaosCluster create() throws Exception;
    }

    private ChaosScenario() {
    }

    /**
     * Runs and checks the scenario; {@code catchUps} reads the snapshot catch-ups from this JVM's log lines (the
     * variant may read its nodes' own logs instead), {@code noCatchUp} is the failure message when there were none.
     */
    static void runAndCheck(String variant, ClusterFactory factory, Function<List<String>, CatchUps> catchUps,
                            String noCatchUp) throws Exception {
        long seed = Long.getLong("raftlens.chaos.seed", System.nanoTime());
        ChaosRun.Budget budget = ChaosRun.Budget.fromSystemProperties();
        System.out.println("chaos seed=" + seed + ", " + budget + " (replay: -Draftlens.chaos.seed=" + seed + ")");
        ChaosRun run;
        ChaosRun.Outcome outcome;
        RootLogCapture logs = new RootLogCapture();
        ChaosCluster cluster = null;
        try {
            cluster = factory.create();
            run = new ChaosRun(cluster, seed, budget);
            outcome = run.run(4);
            LedgerAudit.awaitConvergence(cluster, Duration.ofSeconds(60));
        } finally {
            logs.close();
            if (cluster != null) {
                cluster.close(); // graceful: the ledgers are read from disk below, as raftlens ledger verify reads them
            }
        }
        LedgerAudit.Result result = LedgerAudit.audit(cluster, outcome.acknowledged());
        CatchUps seen = catchUps.apply(logs.lines());
        String summary = ChaosReport.line(variant, seed, outcome, result, seen);
        System.out.println("chaos[" + variant + "] schedule: " + run.log());
        assertTrue(outcome.acknowledged().size() > 30, "too little load to mean anything: " + summary);
        assertTrue(result.problems().isEmpty(), summary + "\n" + result.problems() + "\nschedule: " + run.log());
        assertEquals(0, result.lost(), summary);
        assertEquals(0, result.duplicated(), summary);
        assertTrue(seen.completed() > 0 && seen.blocksPulled() > 0, noCatchUp + ": " + summary);
        // private keys never reach a log, however the nodes crash and fail
        KeyLeaks.assertNone("log lines of this JVM", String.join("\n", logs.lines()));
    }
}
