package io.raftlens.raft.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Chaos under load through {@code raftlens launch}'s in-process network ({@link io.raftlens.raft.network.LocalNetwork}) and its kill; a small snapshot interval makes restarted nodes catch up from snapshots.
 * The scenario and its checks: {@link ChaosScenario}.
 */
@Timeout(600)
class InJvmChaosTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedTransactionsSurviveKillsPartitionsAndAWholeNetworkCrashExactlyOnce() throws Exception {
        ChaosScenario.runAndCheck("in-jvm", () -> new InJvmCluster(dir.resolve("data"), 8 << 10), CatchUps::in,
                "no restarted node caught up from a snapshot");
    }
}
