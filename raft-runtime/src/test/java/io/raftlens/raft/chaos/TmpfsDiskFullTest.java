package io.raftlens.raft.chaos;

import io.raftlens.raft.network.TestNetworks;
import io.raftlens.raft.faults.RootLogCapture;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full disk: node 1's folder is a 2 MB tmpfs (runs only where the test may mount one, i.e. as root with
 * CAP_SYS_ADMIN; {@link DiskFullTest} injects ENOSPC everywhere else). Under load the volume fills: the node
 * reports a clear disk-full error, the others keep ordering; after the volume is grown (remount keeps its files)
 * and the node restarts from disk, every ledger verifies and agrees, and acknowledged transactions are there once.
 */
@Timeout(180)
class TmpfsDiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aRealFullVolumeStopsTheNodesWritesWithoutCorruption() throws Exception {
        Path root = dir.resolve("data");
        NetworkPlan plan = ChaosPlans.plan(root, TestNetworks.freePorts(3), 64L << 20);
        DataDirectory data = DataDirectory.prepare(root, plan, false);
        Path volume = data.nodeDir(plan.consenter(1));
        Files.createDirectories(volume);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", volume.toString()), "cannot mount a tmpfs here");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        String pad = "p".repeat(4096);
        try {
            try (RootLogCapture logs = new RootLogCapture();
                 LocalNetwork net = LocalNetwork.start(plan, data)) {
                DiskFullTest.awaitLeader(net, 0);
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                // 16 concurrent clients: the volume fills in a few rounds of blocks, not one batch timeout per transaction
                for (int i = 0; System.nanoTime() < deadline && !diskFullLogged(logs); i++) {
                    DiskFullTest.sendAll(net, DiskFullTest.numbered("tx-" + i + "-", 16, "-" + pad), acked, Duration.ofSeconds(5));
                }
                assertTrue(diskFullLogged(logs), "node 1 filled its 2 MB volume and said so; errors: " + logs.lines().stream()
                        .filter(l -> l.startsWith("ERROR")).limit(5).toList());
                int before = acked.size();
                for (int j = 0; j < 4 && acked.size() == before; j++) {
                    DiskFullTest.sendAll(net, DiskFullTest.numbered("during-" + j + "-", 10, "-" + pad), acked, Duration.ofSeconds(5));
                }
                assertTrue(acked.size() > before, "the other nodes keep ordering while node 1's disk is full");
                // the operator frees space: the volume grows, its files stay
                assertTrue(run("mount", "-o", "remount,size=64m", volume.toString()), "remount");
                if (net.node(1).orElseThrow().isRunning()) {
                    net.killNode(1);
                }
                net.startNode(1);
                DiskFullTest.sendAll(net, DiskFullTest.numbered("after-", 10, ""), acked, Duration.ofSeconds(5));
                DiskFullTest.awaitSameHeight(net);
            }
            LedgerAudit.Result r = LedgerAudit.audit(new InJvmCluster.Stopped(plan, root), acked);
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        } finally {
            run("umount", "-l", volume.toString());
        }
    }

    private static boolean diskFullLogged(RootLogCapture logs) {
        return logs.lines().stream().anyMatch(l -> l.toLowerCase().contains("disk full") || l.contains("No space left"));
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
