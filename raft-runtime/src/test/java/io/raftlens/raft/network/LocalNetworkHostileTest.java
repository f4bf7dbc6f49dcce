package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ConsenterUpdateResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adversarial.md H2, M4, L4, L6: control requests that raced or were half-valid, on a real three-node network. */
class LocalNetworkHostileTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static long height(LocalNetwork net, long id) {
        return net.node(id).orElseThrow().chain("mychannel").orElseThrow().status().height();
    }

    @Test
    void hostileControlRequests() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(100), 10,
                Duration.ofMillis(20), 16 << 20);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.await(net, "mychannel", WAIT);

            // H2: two concurrent starts of a killed node: one starts it, the other is told it is running
            net.killNode(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Integer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                new Thread(() -> {
                    try {
                        together.await();
                        net.startNode(2);
                        answers.add(200);
                    } catch (NetworkOperationException e) {
                        answers.add(ControlServer.httpStatus(e.reason()));
                    } catch (Exception e) {
                        answers.add(-1);
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            answers.sort(null);
            assertEquals(List.of(200, 409), answers);
            assertTrue(net.node(2).orElseThrow().isRunning(), "the 200 is true: node 2 runs");
            net.killNode(2);
            net.startNode(2); // and its operations port was not left bound by a loser
            assertTrue(net.node(2).orElseThrow().isRunning());

            // M4: a node in two groups is refused before any node applies the partition
            NetworkOperationException bad = assertThrows(NetworkOperationException.class, () -> net.partition(List.of(List.of(1L, 2L), List.of(2L, 3L))));
            assertEquals(400, ControlServer.httpStatus(bad.reason()));
            BroadcastResult r = TestNetworks.broadcastUntilServed(net, "mychannel", "after".getBytes(StandardCharsets.UTF_8), WAIT);
            assertTrue(r.isSuccess(), r.toString());
            for (long id = 1; id <= 3; id++) {
                long node = id;
                TestNetworks.await("node " + id + " has the block", WAIT, () -> height(net, node) > r.block());
            }

            // L6: a consenter listed twice is named by id, without its certificate
            NetworkOperationException twice = assertThrows(NetworkOperationException.class,
                    () -> net.updateConsenters("mychannel", List.of(1L, 1L, 2L, 3L)));
            assertEquals(400, ControlServer.httpStatus(twice.reason()));
            assertFalse(twice.getMessage().contains("CERTIFICATE"), twice.getMessage());

            // L4: once node 3 is evicted, isolating it or handing it leadership does nothing: refused
            TestNetworks.await("a leader", WAIT, () -> net.leader("mychannel") != 0);
            ConsenterUpdateResult removed = net.updateConsenters("mychannel", List.of(1L, 2L)).get(30, TimeUnit.SECONDS);
            assertTrue(removed.isSuccess(), removed.toString());
            TestNetworks.await("node 3 removed", WAIT, () -> !net.consenters("mychannel").contains(3L));
            assertEquals(NetworkOperationException.Reason.CONFLICT, assertThrows(NetworkOperationException.class, () -> net.isolateNode(3)).reason());
            assertEquals(NetworkOperationException.Reason.CONFLICT, assertThrows(NetworkOperationException.class, () -> net.healNode(3)).reason());
            assertEquals(NetworkOperationException.Reason.CONFLICT, assertThrows(NetworkOperationException.class, () -> net.transferLeader("mychannel", 3)).reason());
        }
    }
}
