package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static io.raftlens.raft.network.OrdererGrpcClient.seek;
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

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.orderer.BlockSignatures;
import io.raftlens.raft.orderer.LedgerVerifier;
import java.nio.file.Files;

/**
 * End to end on the cryptogen material of {@code samples/three-orderers} (copied, on free ports): block 0 carries
 * the organizations' MSPs, every node signs its blocks with its orderer identity, the sample's User1 broadcasts
 * over gRPC and reads blocks whose signatures satisfy BlockValidation, an identity from another CA claiming
 * Org1MSP is FORBIDDEN, and {@code raftlens ledger verify} finds every block signed.
 */
class SampleNetworkProtocolsTest {
    @TempDir
    Path dir;

    private SigningIdentity client;






    @Test
    void membersOfTheSampleOrderAndReadSignedBlocksStrangersAreForbidden() throws Exception {
        Path configtx = TestNetworks.threeOrderersSample(dir);
        Path sample = configtx.getParent();
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                new NetworkPlanLoader.Overrides(java.time.Duration.ofMillis(100), 0));
        Path users = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        client = SigningIdentity.fromPemFiles("Org1MSP", users.resolve("signcerts/User1@org1.example.com-cert.pem"),
                users.resolve("keystore/priv_sk"));
        SigningIdentity stranger = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        DataDirectory data = DataDirectory.prepare(dir.resolve("data"), plan, false);
        try (LocalNetwork net = LocalNetwork.start(plan, data)) {
            TestNetworks.await("a leader", java.time.Duration.ofSeconds(30), () -> net.leader("mychannel") != 0);
            long leader = net.leader("mychannel");
            Path ca = sample.resolve("crypto/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem");
            ManagedChannel ch = connect(net, leader, ca, plan.consenter(leader).host());
            try {
                Envelope tx = Envelopes.signedTransaction("mychannel", client, ByteString.copyFromUtf8("hello"), Instant.now());
                List<BroadcastResponse> ok = broadcast(ch, List.of(tx));
                assertEquals(Status.SUCCESS, ok.get(0).getStatus(), ok.get(0).getInfo());
                Envelope forged = Envelopes.signedTransaction("mychannel", stranger, ByteString.copyFromUtf8("x"), Instant.now());
                BroadcastResponse refused = broadcast(ch, List.of(forged)).get(0);
                assertEquals(Status.FORBIDDEN, refused.getStatus(), refused.getInfo());

                List<DeliverResponse> blocks = deliver(ch, seek(client, "mychannel", at(0), at(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                assertEquals(Status.SUCCESS, blocks.get(2).getStatus());
                ChannelConfig config = ChannelConfig.fromBlock(blocks.get(0).getBlock());
                assertTrue(config.mspManager().msps().containsKey("OrdererMSP"), config.mspManager().msps().keySet().toString());
                Block one = blocks.get(1).getBlock();
                assertTrue(one.getData().getDataList().contains(tx.toByteString()));
                BlockSignatures.verify(one, config.policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION));
                assertEquals(List.of(Status.FORBIDDEN), deliver(ch, seek(stranger, "mychannel", at(0), at(0),
                        SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)).stream().map(DeliverResponse::getStatus).toList());
            } finally {
                ch.shutdownNow();
            }
        }
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", data.nodeDir(plan.consenters().get(0)).resolve("ledger/mychannel"));
        assertTrue(v.valid(), v.toJson());
        assertEquals("BlockValidation", v.signatureCheck());
        assertTrue(v.signedBlocks() >= 1, v.toJson());
    }
}
