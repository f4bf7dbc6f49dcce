package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC Broadcast answers SUCCESS when the leader has taken the envelope, as Fabric's etcdraft {@code Order} returns
 * once its run loop took the request from {@code submitC} (a follower once it handed it to the leader), not when
 * the block commits. With MaxMessageCount 100 and BatchTimeout 2 s, two envelopes (to the leader, to a follower)
 * are answered SUCCESS while no block is cut; block 1 holding both arrives on Deliver after the batch timeout. A
 * node without a leader answers SERVICE_UNAVAILABLE "no Raft leader".
 */
class BroadcastAcceptanceTest {
    /** Long enough for two broadcasts to be answered on a loaded machine; the script acceptance.txt has no clock. */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final SigningIdentity client = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");

    @Test
    void successMeansAcceptedNotCommitted() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 100, BATCH_TIMEOUT,
                16 * 1024 * 1024);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            TestNetworks.await("a leader", Duration.ofSeconds(20), () -> net.leader("mychannel") != 0);
            long leader = net.leader("mychannel");
            long follower = net.consenters("mychannel").stream().filter(id -> id != leader).findFirst().orElseThrow();
            Path ca = dir.resolve("data/devca/tlsca/tlsca-cert.pem");
            ManagedChannel toLeader = connect(net, leader, ca, plan.consenter(leader).host());
            ManagedChannel toFollower = connect(net, follower, ca, plan.consenter(follower).host());
            try {
                // TLS handshakes before the clock starts (a slow first connection is not what is measured)
                for (ManagedChannel ch : List.of(toLeader, toFollower)) {
                    assertEquals(0, deliver(ch, OrdererGrpcClient.seek(client, "mychannel", at(0), at(0),
                            SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)).get(0).getBlock().getHeader().getNumber());
                }
                Envelope a = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("a"), Instant.now());
                Envelope b = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("b"), Instant.now());
                long start = System.nanoTime();
                List<BroadcastResponse> viaLeader = broadcast(toLeader, List.of(a));
                List<BroadcastResponse> viaFollower = broadcast(toFollower, List.of(b));
                long answeredMs = (System.nanoTime() - start) / 1_000_000;
                assertEquals(Status.SUCCESS, viaLeader.get(0).getStatus(), viaLeader.get(0).getInfo());
                assertEquals(Status.SUCCESS, viaFollower.get(0).getStatus(), viaFollower.get(0).getInfo());
                // answered while the batch is pending: no node has block 1 yet
                for (long id : net.consenters("mychannel")) {
                    assertEquals(1, net.node(id).orElseThrow().chain("mychannel").orElseThrow().status().height(),
                            "node " + id + " height right after SUCCESS (answered in " + answeredMs + " ms)");
                }
                assertTrue(answeredMs < BATCH_TIMEOUT.toMillis(), "SUCCESS came before the batch timeout: " + answeredMs + " ms");

                List<DeliverResponse> delivered = deliver(toFollower, OrdererGrpcClient.seek(client, "mychannel", at(1), at(1),
                        SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                long blockMs = (System.nanoTime() - start) / 1_000_000;
                Block block = delivered.get(0).getBlock();
                assertEquals(1, block.getHeader().getNumber());
                assertEquals(List.of(a.toByteString(), b.toByteString()), block.getData().getDataList());
                assertTrue(blockMs >= BATCH_TIMEOUT.toMillis() - 500, "block 1 cut by the batch timeout: " + blockMs + " ms");

                // the other nodes gone, the last one knows no leader: Fabric's "no Raft leader"
                for (long id : net.consenters("mychannel")) {
                    if (id != follower) {
                        net.killNode(id);
                    }
                }
                TestNetworks.await("no leader on node " + follower, Duration.ofSeconds(20), () -> net.node(follower).orElseThrow()
                        .chain("mychannel").orElseThrow().status().leader() == 0);
                Envelope c = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("c"), Instant.now());
                BroadcastResponse refused = broadcast(toFollower, List.of(c)).get(0);
                assertEquals(Status.SERVICE_UNAVAILABLE, refused.getStatus());
                assertEquals("no Raft leader", refused.getInfo());
            } finally {
                toLeader.shutdownNow();
                toFollower.shutdownNow();
            }
        }
    }
}
