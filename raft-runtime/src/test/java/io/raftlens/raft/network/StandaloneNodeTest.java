package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.node.Chain;
import io.raftlens.raft.transport.Pem;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@link StandaloneNode}s — what three {@code raftlens node} processes run — of {@code samples/three-orderers}
 * (copied, on free ports): each serves the channel participation API over mutual TLS and orderer.AtomicBroadcast;
 * a configtxgen block joined on each starts a channel that elects a leader and orders a signed transaction; a
 * follower forwards what it is sent to the leader over the cluster transport (the nodes share nothing in the JVM,
 * as separate processes); a node outside a channel's consenter set follows it, pulling its blocks from the others'
 * Deliver; a node restarted finds the joined channel in its ledger folder again. About 15 s.
 */
class StandaloneNodeTest {

    @TempDir
    Path dir;

    @Test
    void standaloneNodesServeParticipationAndAtomicBroadcast() throws Exception {
        Path configtx = TestNetworks.threeOrderersSample(dir); // a copy on free ports
        Path sample = configtx.getParent();
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        // fixed client ports (consenter port + 100, as `raftlens node` has them), so that a follower finds the
        // others' Deliver; admin ports ephemeral
        NetworkPlan loaded = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                new NetworkPlanLoader.Overrides(Duration.ofMillis(100), TestNetworks.freePorts(1)[0]));
        for (int attempt = 0; attempt < 20 && !derivedPortsFree(loaded); attempt++) { // other tests share the machine
            configtx = TestNetworks.threeOrderersSample(dir);
            c = LoadedConfigtx.read(configtx).model().orElseThrow();
            loaded = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                    new NetworkPlanLoader.Overrides(Duration.ofMillis(100), TestNetworks.freePorts(1)[0]));
        }
        NetworkPlan plan = loaded.withParticipation(loaded.participation().withAdminBasePort(0));
        Path org = sample.resolve("crypto/ordererOrganizations/example.com");
        Path ca = org.resolve("tlsca/tlsca.example.com-cert.pem");
        Path tls = org.resolve("users/Admin@example.com/tls");
        HttpClient admin = HttpClient.newBuilder()
                .sslContext(OperationsClient.sslContext(ca, tls.resolve("client.crt"), tls.resolve("client.key"))).build();
        Block block = ChannelConfigEncoder.defaults().genesisBlock(c.profile(plan.profile()).orElseThrow(), "solochannel");

        List<StandaloneNode> nodes = new ArrayList<>();
        try {
            for (ConsenterPlan me : plan.consenters()) {
                nodes.add(StandaloneNode.start(plan, me, dir.resolve("data" + me.id()), "127.0.0.1", p -> "127.0.0.1"));
            }
            for (StandaloneNode n : nodes) {
                HttpResponse<String> r = join(admin, n.adminUrl(), block.toByteArray());
                assertEquals(201, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"consensusRelation\":\"consenter\""), r.body());
            }
            TestNetworks.await("a leader of solochannel", Duration.ofSeconds(30), () -> leader(nodes).isPresent());
            StandaloneNode leader = leader(nodes).orElseThrow();
            String host = plan.consenter(leader.node().id()).host();
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", leader.clientPort()).overrideAuthority(host)
                    .sslContext(GrpcSslContexts.forClient().trustManager(Pem.readCertificate(ca)).build()).build();
            Path user = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
            SigningIdentity client = SigningIdentity.fromPemFiles("Org1MSP", user.resolve("signcerts/User1@org1.example.com-cert.pem"),
                    user.resolve("keystore/priv_sk"));
            try {
                BroadcastResponse ok = broadcast(ch, List.of(Envelopes.signedTransaction("solochannel", client,
                        ByteString.copyFromUtf8("standalone"), Instant.now()))).get(0);
                assertEquals(Status.SUCCESS, ok.getStatus(), ok.getInfo());
            } finally {
                ch.shutdownNow();
            }
            TestNetworks.await("block 1 everywhere", Duration.ofSeconds(20), () -> nodes.stream().allMatch(n ->
                    n.node().chain("solochannel").map(x -> x.status().height() == 2).orElse(false)));

            // a follower's client forwards over the cluster to the leader's process
            StandaloneNode follower = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            ManagedChannel toFollower = NettyChannelBuilder.forAddress("127.0.0.1", follower.clientPort())
                    .overrideAuthority(plan.consenter(follower.node().id()).host())
                    .sslContext(GrpcSslContexts.forClient().trustManager(Pem.readCertificate(ca)).build()).build();
            var forwarded = Envelopes.signedTransaction("solochannel", client, ByteString.copyFromUtf8("forwarded"), Instant.now());
            try {
                BroadcastResponse ok = broadcast(toFollower, List.of(forwarded)).get(0);
                assertEquals(Status.SUCCESS, ok.getStatus(), ok.getInfo());
            } finally {
                toFollower.shutdownNow();
            }
            TestNetworks.await("block 2 everywhere", Duration.ofSeconds(20), () -> nodes.stream().allMatch(n ->
                    n.node().chain("solochannel").map(x -> x.status().height() == 3).orElse(false)));
            for (StandaloneNode n : nodes) {
                assertEquals(List.of(forwarded.toByteString()), n.node().block("solochannel", 2).orElseThrow().getData()
                        .getDataList(), "block 2 of node " + n.node().id());
            }

            // a channel of nodes 1 and 2 only: node 3 follows it, pulling its blocks from their Deliver services
            String yaml = Files.readString(configtx);
            String pair = yaml.replaceAll("(?s)      - Host: orderer3\\.example\\.com\n.*?ServerTLSCert: [^\n]*\n", "");
            assertTrue(pair.length() < yaml.length(), "orderer3's consenter entry removed");
            Path pairFile = sample.resolve("configtx-pair.yaml");
            Files.writeString(pairFile, pair);
            Configtx pc = LoadedConfigtx.read(pairFile).model().orElseThrow();
            Block pairBlock = ChannelConfigEncoder.defaults().genesisBlock(pc.profile(plan.profile()).orElseThrow(), "pair");
            HttpResponse<String> follows = join(admin, nodes.get(2).adminUrl(), pairBlock.toByteArray());
            assertEquals(201, follows.statusCode(), follows.body());
            assertTrue(follows.body().contains("\"consensusRelation\":\"follower\""), follows.body());
            for (int i = 0; i < 2; i++) {
                assertEquals(201, join(admin, nodes.get(i).adminUrl(), pairBlock.toByteArray()).statusCode());
            }
            TestNetworks.await("node 3 following pair", Duration.ofSeconds(30), () -> {
                try {
                    HttpResponse<String> r = admin.send(HttpRequest.newBuilder(URI.create(nodes.get(2).adminUrl()
                            + "/participation/v1/channels/pair")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    return r.body().contains("\"status\":\"active\"") && r.body().contains("\"consensusRelation\":\"follower\"");
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(pairBlock.getHeader(), blockOfFollower(nodes.get(2), "pair", 0).getHeader(),
                    "block 0 pulled as it is");

            // a restarted process finds the channel it joined in its ledger folder (Fabric's orderer does the same)
            ConsenterPlan third = plan.consenters().get(2);
            nodes.remove(2).close();
            nodes.add(StandaloneNode.start(plan, third, dir.resolve("data" + third.id()), "127.0.0.1", p -> "127.0.0.1"));
            HttpResponse<String> info = admin.send(HttpRequest.newBuilder(URI.create(nodes.get(2).adminUrl()
                    + "/participation/v1/channels/solochannel")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, info.statusCode(), info.body());
            assertEquals("{\"name\":\"solochannel\",\"url\":\"/participation/v1/channels/solochannel\","
                    + "\"consensusRelation\":\"consenter\",\"status\":\"active\",\"height\":3}\n", info.body());
        } finally {
            for (StandaloneNode n : nodes) {
                n.close();
            }
        }
    }

    /** The client ports (consenter port + 100) and operations ports (base + index) the plan implies are free now. */
    private static boolean derivedPortsFree(NetworkPlan plan) {
        for (int i = 0; i < plan.consenters().size(); i++) {
            if (!TestNetworks.bindable(plan.consenters().get(i).port() + LocalNetwork.CLIENT_PORT_OFFSET,
                    plan.opsBasePort() + i)) {
                return false;
            }
        }
        return true;
    }

    /** Block {@code n} of a channel {@code node} follows (its participation pulled it). */
    private static Block blockOfFollower(StandaloneNode node, String channel, long n) {
        return node.participation().followerBlock(channel, n).orElseThrow();
    }

    private static Optional<StandaloneNode> leader(List<StandaloneNode> nodes) {
        return nodes.stream().filter(n -> n.node().chain("solochannel").map(Chain::status)
                .map(s -> NodeRole.of(s).isLeader()).orElse(false)).findFirst();
    }

    private static HttpResponse<String> join(HttpClient admin, String url, byte[] block) throws Exception {
        String boundary = "7d0f3c2b1a";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(HttpRequest.newBuilder(URI.create(url + "/participation/v1/channels"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
