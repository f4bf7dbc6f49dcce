package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC bench against the three-orderer sample launched on free ports: the sample's cryptogen User1 signs the
 * envelopes beforehand, several Broadcast streams send them, and every one is counted when its tx id is delivered.
 */
class GrpcBenchTest {

    @TempDir
    Path dir;

    @Test
    void signedEnvelopesAreTimedFromBroadcastToDeliveredBlockInClosedAndOpenLoop() throws Exception {
        Path configtx = TestNetworks.threeOrderersSample(dir);
        Path sample = configtx.getParent();
        // a short batch timeout so a window of 100 does not wait 2 s per block
        Files.writeString(configtx, Files.readString(configtx).replace("BatchTimeout: 2s", "BatchTimeout: 200ms"));
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                new NetworkPlanLoader.Overrides(Duration.ofMillis(100), 0));
        Path user = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        SigningIdentity client = SigningIdentity.fromPemFiles("Org1MSP", user.resolve("signcerts/User1@org1.example.com-cert.pem"),
                user.resolve("keystore/priv_sk"));
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false));
             GrpcBench bench = GrpcBench.connect(net, client, "mychannel")) {
            TestNetworks.await("a leader", Duration.ofSeconds(30), () -> net.leader("mychannel") != 0);

            GrpcBench.Signed closed = bench.sign(400, 64);
            assertEquals(400, closed.txIds().stream().distinct().count(), "every envelope has its own tx id");
            Map<String, Object> r = bench.throughput(closed, Duration.ofSeconds(10), 100, 0, 3, 64);
            assertEquals(400L, r.get("committed"), r.toString());
            assertEquals(0L, r.get("failed"), r.toString());
            assertEquals(400L, r.get("broadcastAcked"), r.toString());
            assertEquals(true, r.get("signedEnvelopesExhausted"), r.toString());
            assertTrue((Long) r.get("blocksDelivered") >= 1, r.toString());
            assertNotNull(((Map<?, ?>) r.get("latencyMs")).get("p99"), r.toString());
            assertEquals("grpc", r.get("transport"));

            GrpcBench.Signed open = bench.sign(200, 64);
            Map<String, Object> paced = bench.throughput(open, Duration.ofMillis(1500), 1000, 100, 2, 64);
            long sent = ((Number) paced.get("sent")).longValue();
            assertTrue(sent >= 100 && sent <= 160, "about 100 tx/s for 1.5 s: " + paced);
            assertEquals(sent, paced.get("committed"), paced.toString());
            assertEquals("open loop at 100 tx/s", paced.get("mode"));
        }
    }
}
