package io.raftlens.raft.chaos;

import io.raftlens.raft.faults.KeyLeaks;
import io.raftlens.raft.faults.RootLogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chaos under load with five consenter processes ({@link ChaosNodeMain}) crashed by a real {@code kill -9}; a
 * small snapshot interval makes restarted nodes catch up from snapshots, pulling blocks over the cluster transport.
 * {@code -Draftlens.chaos.seconds=N} lengthens the fault phase (default 20 s), {@code -Draftlens.chaos.seed=S}
 * replays a schedule.
 */
@Timeout(600)
class ProcessChaosTest {

    static final long SNAPSHOT_INTERVAL_BYTES = 8 << 10;

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
        // 8 KB: the load orders about 3 KB of blocks a second, so the leader snapshots (and compacts its log) every
        // few seconds and a node restarted after a kill usually finds its next entries gone: it installs the
        // leader's snapshot and pulls the missing blocks from the other consenter processes over the cluster port.
        ChaosCluster cluster = new ProcessCluster(dir.resolve("data"), dir.resolve("logs"), SNAPSHOT_INTERVAL_BYTES);
        try {
            run = new ChaosRun(cluster, seed, faults);
            outcome = run.run(4);
            LedgerAudit.awaitConvergence(cluster, Duration.ofSeconds(60));
        } finally {
            logs.close();
            cluster.close(); // graceful: the ledgers are read from disk below, as raftlens ledger verify reads them
        }
        LedgerAudit.Result result = LedgerAudit.audit(cluster, outcome.acknowledged());
        CatchUps catchUps = CatchUps.NONE;
        try (var files = Files.list(dir.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                catchUps = catchUps.plus(CatchUps.in(Files.readAllLines(f)));
            }
        }
        String summary = ChaosReport.line("processes", seed, outcome, result, catchUps);
        assertTrue(outcome.acknowledged().size() > 30, "too little load to mean anything: " + summary);
        assertTrue(result.problems().isEmpty(), summary + "\n" + result.problems() + "\nschedule: " + run.log());
        assertEquals(0, result.lost(), summary);
        assertEquals(0, result.duplicated(), summary);
        assertTrue(catchUps.completed() > 0 && catchUps.blocksPulled() > 0,
                "no restarted node caught up from a snapshot by pulling blocks from the others: " + summary);
        // private keys never reach a log, however the nodes crash and fail
        KeyLeaks.assertNone("log lines of this JVM", String.join("\n", logs.lines()));
        try (var files = Files.list(dir.resolve("logs"))) {
            for (Path f : files.toList()) {
                KeyLeaks.assertNone(f.toString(), Files.readString(f));
            }
        }
    }
}
