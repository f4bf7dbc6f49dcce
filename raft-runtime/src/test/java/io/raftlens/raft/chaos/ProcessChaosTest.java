package io.raftlens.raft.chaos;

import io.raftlens.raft.faults.KeyLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chaos under load with five consenter processes ({@link ChaosNodeMain}) crashed by a real {@code kill -9}; a
 * small snapshot interval makes restarted nodes catch up from snapshots, pulling blocks over the cluster transport.
 * The scenario and its checks: {@link ChaosScenario}; here the nodes' own logs are read too.
 */
@Timeout(600)
class ProcessChaosTest {

    static final long SNAPSHOT_INTERVAL_BYTES = 8 << 10;

    @TempDir
    Path dir;

    /** A failed or timed-out run leaves no ChaosNodeMain JVM behind. */
    @AfterEach
    void killStrays() {
        ProcessCluster.killStrays();
    }

    @Test
    void acknowledgedTransactionsSurviveKillsPartitionsAndAWholeNetworkCrashExactlyOnce() throws Exception {
        // 8 KB: the load orders about 3 KB of blocks a second, so the leader snapshots (and compacts its log) every
        // few seconds and a node restarted after a kill usually finds its next entries gone: it installs the
        // leader's snapshot and pulls the missing blocks from the other consenter processes over the cluster port.
        ChaosScenario.runAndCheck("processes",
                () -> new ProcessCluster(dir.resolve("data"), dir.resolve("logs"), SNAPSHOT_INTERVAL_BYTES),
                thisJvm -> nodeLogCatchUps(), "no restarted node caught up from a snapshot by pulling blocks from the others");
        try (var files = Files.list(dir.resolve("logs"))) {
            for (Path f : files.toList()) {
                KeyLeaks.assertNone(f.toString(), Files.readString(f));
            }
        }
    }

    /** The catch-ups the consenter processes logged. */
    private CatchUps nodeLogCatchUps() {
        CatchUps catchUps = CatchUps.NONE;
        try (var files = Files.list(dir.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                catchUps = catchUps.plus(CatchUps.in(Files.readAllLines(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return catchUps;
    }
}
