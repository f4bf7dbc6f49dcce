package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.raftlens.raft.configtxgen.ConfigUpdates;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.Blocks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower forwards what its clients broadcast to the leader over the cluster transport, as Fabric's etcdraft
 * follower does (chain.go Submit → forwardToLeader → the cluster's Submit stream): gRPC Broadcast to a follower is
 * answered SUCCESS, the follower logs "Forwarding transaction to the leader N", and the transaction is in the next
 * block on every ledger; a config update sent to a follower is ordered by the leader too. No node calls another's
 * chain: each node's forwarding goes over its own transport (the launch shares only event loops).
 */
@Timeout(120)
class ForwardingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final SigningIdentity client = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");

    @Test
    void aFollowerForwardsABroadcastToTheLeader() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"));
        try (LogCapture logs = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            long follower = net.consenters("mychannel").stream().filter(id -> id != leader.id()).findFirst().orElseThrow();
            TestNetworks.broadcastUntilServed(net, "mychannel", "warm-up".getBytes(), WAIT);
            ManagedChannel toFollower = connect(net, follower, dir.resolve("data/devca/tlsca/tlsca-cert.pem"),
                    plan.consenter(follower).host());
            try {
                Envelope tx = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("via follower"),
                        Instant.now());
                List<BroadcastResponse> answer = broadcast(toFollower, List.of(tx));
                assertEquals(Status.SUCCESS, answer.get(0).getStatus(), answer.get(0).getInfo());
                assertTrue(logs.of("mychannel", follower).stream().anyMatch(l -> l.startsWith("Forwarding transaction to the leader " + leader.id() + " ")),
                        String.join("\n", logs.of("mychannel", follower)));

                // the follower's forwarding queue to the leader is Fabric's msg_type "transaction"
                String scrape = net.node(follower).orElseThrow().metrics().scrape();
                String queue = "cluster_comm_egress_queue_capacity{channel=\"mychannel\",host=\""
                        + plan.consenter(leader.id()).host() + ":" + plan.consenter(leader.id()).port()
                        + "\",msg_type=\"transaction\"}";
                assertTrue(scrape.contains(queue), queue + " in\n" + scrape);

                // in one block, the same on every ledger
                long number = awaitBlockHolding(net, leader.id(), tx);
                for (long id : net.consenters("mychannel")) {
                    OrderingNode n = net.node(id).orElseThrow();
                    TestNetworks.await("node " + id + " has block " + number, WAIT,
                            () -> n.block("mychannel", number).isPresent());
                    assertTrue(n.block("mychannel", number).orElseThrow().getData().getDataList().contains(tx.toByteString()),
                            "node " + id + " block " + number);
                }
                // the follower delivers it too
                Block delivered = deliver(toFollower, OrdererGrpcClient.seek(client, "mychannel", at(number), at(number),
                        SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)).get(0).getBlock();
                assertTrue(delivered.getData().getDataList().contains(tx.toByteString()));

                // the control API's own option waits for the commit: a follower learns the block from its own ledger
                BroadcastResult committed = net.broadcast("mychannel", follower, "committed via follower".getBytes())
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals("SUCCESS", committed.status(), committed.info());
                assertTrue(committed.block() > number, committed.toString());
                Block b = net.node(follower).orElseThrow().block("mychannel", committed.block()).orElseThrow();
                assertTrue(b.getData().getDataList().stream().anyMatch(d -> d.toStringUtf8().contains("committed via follower")));
            } finally {
                toFollower.shutdownNow();
            }
        }
    }

    @Test
    void aConfigUpdateSentToAFollowerIsOrderedByTheLeader() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(50), 10,
                Duration.ofMillis(300), 16 << 20);
        try (LogCapture logs = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            long follower = net.consenters("mychannel").stream().filter(id -> id != leader.id()).findFirst().orElseThrow();
            TestNetworks.broadcastUntilServed(net, "mychannel", "served".getBytes(), WAIT);
            Block genesis = net.node(follower).orElseThrow().block("mychannel", 0).orElseThrow();
            ChannelConfig config = ChannelConfig.fromBlock(genesis);
            ConfigGroup orderer = config.channelGroup().getGroupsOrThrow("Orderer");
            var bs = orderer.getValuesOrThrow("BatchSize");
            BatchSize seven = BatchSize.parseFrom(bs.getValue()).toBuilder().setMaxMessageCount(7).build();
            ConfigGroup updated = config.channelGroup().toBuilder().putGroups("Orderer", orderer.toBuilder()
                    .putValues("BatchSize", bs.toBuilder().setValue(seven.toByteString()).build()).build()).build();
            var update = ConfigUpdates.compute(config.channelGroup(), updated).toBuilder().setChannelId("mychannel").build();

            BroadcastResult r = net.broadcast("mychannel", follower,
                    ConsenterConfigUpdate.envelope("mychannel", update, List.of()).toByteArray()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertEquals("SUCCESS", r.status(), r.info());
            assertTrue(logs.of("mychannel", follower).stream().anyMatch(l -> l.startsWith("Forwarding transaction to the leader " + leader.id() + " ")),
                    String.join("\n", logs.of("mychannel", follower)));
            assertTrue(logs.of("mychannel", leader.id()).stream().anyMatch(l -> l.startsWith("Received config transaction, pause accepting transaction till it is committed")),
                    String.join("\n", logs.of("mychannel", leader.id())));
            for (long id : net.consenters("mychannel")) {
                OrderingNode n = net.node(id).orElseThrow();
                TestNetworks.await("node " + id + " has config block " + r.block(), WAIT,
                        () -> n.block("mychannel", r.block()).isPresent());
                Block written = n.block("mychannel", r.block()).orElseThrow();
                assertTrue(Blocks.isConfigBlock(written), "node " + id + " block " + r.block());
                assertEquals(seven.toByteString(), ChannelConfig.fromBlock(written).channelGroup().getGroupsOrThrow("Orderer")
                        .getValuesOrThrow("BatchSize").getValue(), "node " + id + ": MaxMessageCount 7");
            }
        }
    }

    /** The number of the block of node {@code id} that holds {@code tx}, once written. */
    private static long awaitBlockHolding(LocalNetwork net, long id, Envelope tx) throws InterruptedException {
        OrderingNode n = net.node(id).orElseThrow();
        long[] found = {-1};
        TestNetworks.await("a block holding the forwarded transaction on node " + id, WAIT, () -> {
            for (long b = 1; ; b++) {
                Optional<Block> block = n.block("mychannel", b);
                if (block.isEmpty()) {
                    return false;
                }
                if (block.get().getData().getDataList().contains(tx.toByteString())) {
                    found[0] = b;
                    return true;
                }
            }
        });
        return found[0];
    }
}
