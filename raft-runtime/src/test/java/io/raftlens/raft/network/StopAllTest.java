package io.raftlens.raft.network;

import io.raftlens.raft.node.FileChainStorage;
import io.raftlens.raft.wal.FileChannelOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a network always answers: a node that cannot finish its graceful stop (here its WAL's final fsync
 * hangs, so the WAL writer never ends) is reported with where it is stuck and left behind, while every other node
 * stops. Before, {@code stopAll} waited for it forever (an editor's stop command never answered).
 */
@Timeout(60)
class StopAllTest {

    @TempDir
    Path dir;

    @Test
    void aNodeWhoseDiskHangsDoesNotHangTheStopOfTheNetwork() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(100), 10,
                Duration.ofMillis(20), 16 << 20);
        AtomicBoolean hung = new AtomicBoolean();
        LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false),
                spec -> new FileChainStorage(spec, o -> o.withOpener((path, opts) -> new StallingFileChannel(
                        FileChannelOpener.DEFAULT.open(path, opts), () -> spec.id() == 3 && hung.get()))));
        try (LogCapture log = new LogCapture(LocalNetwork.class.getName())) {
            Agreement.await(net, "mychannel", Duration.ofSeconds(20));
            net.stopBudget(Duration.ofSeconds(2));
            hung.set(true); // node 3's next fsync, at the latest its WAL's last one on close, never returns
            TestNetworks.broadcastUntilServed(net, "mychannel", "x".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            net.stopAll();
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took < 10_000, "stopAll returned after " + took + " ms");
            assertFalse(net.node(1).orElseThrow().isRunning());
            assertFalse(net.node(2).orElseThrow().isRunning());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("node 3 did not stop within 2.0 s; going on without it")
                    && l.contains("\tat ")), log.lines().toString());
        } finally {
            hung.set(false); // let node 3's writer finish so its threads end
            net.close();
        }
    }
}
