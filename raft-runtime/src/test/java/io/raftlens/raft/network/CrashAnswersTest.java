package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crashed orderer's clients hear about it at once, as a broken connection tells a Fabric client: every broadcast
 * the node had not answered is answered SERVICE_UNAVAILABLE when it is killed, not left hanging.
 */
@Timeout(60)
class CrashAnswersTest {

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderAnswersTheBroadcastsItWasHolding() throws Exception {
        // a 10 s batch timeout and room for 100 transactions: the broadcasts wait in the leader's batch
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 100,
                Duration.ofSeconds(10), 16 * 1024 * 1024);
        try (LogCapture log = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            TestNetworks.await("a leader that serves", Duration.ofSeconds(20), () -> net.leader("mychannel") != 0
                    && log.of("mychannel", net.leader("mychannel")).stream()
                    .anyMatch(l -> l.startsWith("Start accepting requests as Raft leader")));
            long leader = net.leader("mychannel");
            List<CompletableFuture<BroadcastResult>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(net.broadcast("mychannel", leader, ("tx-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            net.killNode(leader);
            for (CompletableFuture<BroadcastResult> f : replies) {
                BroadcastResult r = f.get(2, TimeUnit.SECONDS);
                assertEquals("SERVICE_UNAVAILABLE", r.status(), r.toString());
                assertTrue(r.info().contains("node " + leader) && r.info().contains("crashed"), r.info());
            }
        }
    }
}
