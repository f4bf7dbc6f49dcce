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
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that hangs. etcd#13527: a leader whose WAL fsync hangs must still step down. The driver keeps ticking and
 * stepping while a Ready is being persisted, so the stalled leader hears the new leader's higher term and stops
 * serving as leader while its fsync is still hanging. And stopping the network still answers.
 */
@Timeout(60)
class FsyncStallTest {

    @TempDir
    Path dir;

    @Test
    void aLeaderWithAHungDiskStepsDownWhileTheFsyncHangs() throws Exception {
        // 50 ms ticks: the step-down comes after an election timeout, whose length is not what is checked
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 10,
                Duration.ofMillis(20), 16 << 20);
        AtomicLong stalledNode = new AtomicLong();
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false),
                spec -> new FileChainStorage(spec, o -> o.withOpener((path, opts) -> new StallingFileChannel(
                        FileChannelOpener.DEFAULT.open(path, opts), () -> stalledNode.get() == spec.id()))))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", Duration.ofSeconds(20));
            TestNetworks.await("the leader serving", Duration.ofSeconds(20), () -> net.broadcast("mychannel", leader.id(),
                    "warm-up".getBytes(StandardCharsets.UTF_8)).join().isSuccess());
            stalledNode.set(leader.id());
            net.broadcast("mychannel", leader.id(), "stuck".getBytes(StandardCharsets.UTF_8)); // its WAL write hangs
            TestNetworks.await("a new leader among the others", Duration.ofSeconds(15), () -> {
                long l = net.node(leader.id() % 3 + 1).orElseThrow().chain("mychannel").orElseThrow().status().leader();
                return l != 0 && l != leader.id();
            });
            TestNetworks.await("the stalled leader stops leading", Duration.ofSeconds(15), () ->
                    !"leader".equals(net.node(leader.id()).orElseThrow().chain("mychannel").orElseThrow().status().role()));
            assertTrue(stalledNode.get() == leader.id(), "still stalled while it stepped down");
            stalledNode.set(0);
            Agreement.Leader after = Agreement.await(net, "mychannel", Duration.ofSeconds(15));
            assertNotEquals(leader.id(), after.id());
        }
    }

    /**
     * Stopping the network always answers: a node that cannot finish its graceful stop (its WAL's final fsync
     * hangs, so the WAL writer never ends) is reported with where it is stuck and left behind while every other
     * node stops. Before, {@code stopAll} waited for it forever: an editor's stop command never answered.
     */
    @Test
    void aNodeWhoseDiskHangsDoesNotHangTheStopOfTheNetwork() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 10,
                Duration.ofMillis(20), 16 << 20);
        java.util.concurrent.atomic.AtomicBoolean hung = new java.util.concurrent.atomic.AtomicBoolean();
        LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false),
                spec -> new FileChainStorage(spec, o -> o.withOpener((path, opts) -> new StallingFileChannel(
                        FileChannelOpener.DEFAULT.open(path, opts), () -> spec.id() == 3 && hung.get()))));
        try (LogCapture log = new LogCapture(LocalNetwork.class.getName())) {
            Agreement.await(net, "mychannel", Duration.ofSeconds(20));
            net.stopBudget(Duration.ofSeconds(1));
            hung.set(true); // node 3's next fsync, at the latest its WAL's last one on close, never returns
            long t0 = System.nanoTime();
            net.stopAll();
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took < 10_000, "stopAll returned after " + took + " ms");
            assertTrue(!net.node(1).orElseThrow().isRunning() && !net.node(2).orElseThrow().isRunning());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("node 3 did not stop within 1.0 s; going on without it")
                    && l.contains("\tat ")), log.lines().toString());
        } finally {
            hung.set(false); // let node 3's writer finish so its threads end
            net.close();
        }
    }
}
