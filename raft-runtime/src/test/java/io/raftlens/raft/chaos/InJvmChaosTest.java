package io.raftlens.raft.chaos;

import io.raftlens.raft.faults.KeyLeaks;
import io.raftlens.raft.faults.RootLogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chaos under load through {@code raftlens launch}'s in-process network ({@link io.raftlens.raft.network.LocalNetwork}) and its kill; a small snapshot interval makes restarted nodes catch up from snapshots.
 * {@code -Draftlens.chaos.seconds=N} lengthens the fault phase (default 20 s), {@code -Draftlens.chaos.seed=S}
 * replays a schedule.
 */
@Timeout(600)
class InJvmChaosTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedTransactionsSurviveKillsPartitionsAndAWholeNetworkCrashExactlyOnce() throws Exception {
        long seed = Long.getLong("raftlens.chaos.seed", System.nanoTime());
        Duration faults = Duration.ofSeconds(Long.getLong("raftlens.chaos.seconds", 20));
        System.out.println("chaos seed=" + seed + " (replay: -Draftlens.chaos.seed=" + seed + ")");
        ChaosRun run;
        ChaosRun.Outcome outcome;
        RootLogCapture logs = new RootLogCapture();
        ChaosCluster cluster = new InJvmCluster(dir.resolve("data"), 8 << 10);
        try {
            run = new ChaosRun(cluster, seed, faults);
            outcome = run.run(4);
            LedgerAudit.awaitConvergence(cluster, Duration.ofSeconds(60));
        } finally {
            logs.close();
            cluster.close(); // graceful: the ledgers are read from disk below, as raftlens ledger verify reads them
        }
        LedgerAudit.Result result = LedgerAudit.audit(cluster, outcome.acknowledged());
        CatchUps catchUps = CatchUps.in(logs.lines());
        String summary = ChaosReport.line("in-jvm", seed, outcome, result, catchUps);
        assertTrue(outcome.acknowledged().size() > 30, "too little load to mean anything: " + summary);
        assertTrue(result.problems().isEmpty(), summary + "\n" + result.problems() + "\nschedule: " + run.log());
        assertEquals(0, result.lost(), summary);
        assertEquals(0, result.duplicated(), summary);
        assertTrue(catchUps.completed() > 0 && catchUps.blocksPulled() > 0,
                "no restarted node caught up from a snapshot: " + summary);
        // private keys never reach a log, however the nodes crash and fail
        KeyLeaks.assertNone("log lines of this JVM", String.join("\n", logs.lines()));
    }
}
