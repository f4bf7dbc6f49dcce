package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.transport.Pem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched network driven through Fabric's own client bindings: the {@code AtomicBroadcastGrpc} stubs Fabric
 * publishes in {@code org.hyperledger.fabric:fabric-protos}, over grpc-java with TLS trusting the network's CA,
 * exactly as an SDK's orderer connection does. Signed envelopes are broadcast (also through a follower), then read
 * back with Deliver.
 */
class AtomicBroadcastClientTest {
    @TempDir
    Path dir;

    private final SigningIdentity client = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");



    private Envelope seek(String channel, SeekPosition start, SeekPosition stop, SeekInfo.SeekBehavior behavior) {
        return OrdererGrpcClient.seek(client, channel, start, stop, behavior);
    }



    @Test
    void signedTransactionsBroadcastAndDeliveredOverGrpc() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"));
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            TestNetworks.await("a leader", java.time.Duration.ofSeconds(20), () -> net.leader("mychannel") != 0);
            long leader = net.leader("mychannel");
            long follower = plan.consenters().stream().mapToLong(c -> c.id().value()).filter(id -> id != leader).findFirst().orElseThrow();
            Path ca = dir.resolve("data/devca/tlsca/tlsca-cert.pem");
            ManagedChannel toLeader = connect(net, leader, ca, plan.consenter(leader).host());
            ManagedChannel toFollower = connect(net, follower, ca, plan.consenter(follower).host());
            try {
                List<Envelope> txs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    txs.add(Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("tx " + i), Instant.now()));
                }
                List<BroadcastResponse> answers = broadcast(toLeader, txs.subList(0, 3));
                assertEquals(3, answers.size());
                answers.forEach(r -> assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo()));
                // a follower hands the broadcast to the leader; the client sees SUCCESS
                List<BroadcastResponse> viaFollower = broadcast(toFollower, txs.subList(3, 5));
                viaFollower.forEach(r -> assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo()));

                // a CONFIG envelope is refused, and the stream ends after the refusal as Fabric's handler does
                Envelope config = Envelopes.signed(HeaderType.CONFIG, "mychannel", client,
                        org.hyperledger.fabric.protos.common.ConfigEnvelope.getDefaultInstance());
                List<BroadcastResponse> refused = broadcast(toLeader, List.of(config, txs.get(0)));
                assertEquals(1, refused.size());
                assertEquals(Status.BAD_REQUEST, refused.get(0).getStatus());
                assertEquals("message is of type that cannot be processed directly", refused.get(0).getInfo());

                // SUCCESS means the leader took them (as in Fabric), not that their blocks are written: wait for them
                TestNetworks.await("the five transactions in blocks on node " + follower, java.time.Duration.ofSeconds(20), () -> {
                    var node = net.node(follower).orElseThrow();
                    long h = node.chain("mychannel").orElseThrow().status().height();
                    int n = 0;
                    for (long b = 1; b < h; b++) {
                        n += node.block("mychannel", b).orElseThrow().getData().getDataCount();
                    }
                    return n >= txs.size();
                });
                // deliver from block 1 to the newest: every signed envelope comes back byte for byte
                List<DeliverResponse> blocks = deliver(toFollower, seek("mychannel", at(1),
                        SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                assertEquals(Status.SUCCESS, blocks.get(blocks.size() - 1).getStatus());
                List<ByteString> delivered = new ArrayList<>();
                for (DeliverResponse r : blocks.subList(0, blocks.size() - 1)) {
                    Block b = r.getBlock();
                    for (ByteString d : b.getData().getDataList()) {
                        delivered.add(d);
                    }
                }
                for (Envelope tx : txs) {
                    assertTrue(delivered.contains(tx.toByteString()), "transaction delivered as broadcast");
                }

                // FAIL_IF_NOT_READY beyond the height: NOT_FOUND; an unknown channel: NOT_FOUND
                long height = 1000;
                List<DeliverResponse> notReady = deliver(toLeader, seek("mychannel", at(height), at(height),
                        SeekInfo.SeekBehavior.FAIL_IF_NOT_READY));
                assertEquals(Status.NOT_FOUND, notReady.get(0).getStatus());
                List<DeliverResponse> noChannel = deliver(toLeader, seek("nochannel", at(0), at(0), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                assertEquals(Status.NOT_FOUND, noChannel.get(0).getStatus());

                // a block written after the request streams to a waiting client
                long next = blocks.get(blocks.size() - 2).getBlock().getHeader().getNumber() + 1;
                CompletableFuture<List<DeliverResponse>> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return deliver(toFollower, seek("mychannel", at(next), at(next), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Envelope later = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("later"), Instant.now());
                assertEquals(Status.SUCCESS, broadcast(toLeader, List.of(later)).get(0).getStatus());
                List<DeliverResponse> streamed = waiting.get(30, TimeUnit.SECONDS);
                assertEquals(next, streamed.get(0).getBlock().getHeader().getNumber());
                assertTrue(streamed.get(0).getBlock().getData().getDataList().contains(later.toByteString()));
            } finally {
                toLeader.shutdownNow();
                toFollower.shutdownNow();
            }
        }
    }
}
