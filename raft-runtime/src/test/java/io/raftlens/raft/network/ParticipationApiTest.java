package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fabric's channel participation API on each node of a launched {@code samples/three-orderers} network (copied, on
 * free ports), over mutual TLS with the sample's Admin TLS client certificate, through java.net.http as osnadmin
 * calls it: list and info, join with a block made by configtxgen (a leader is elected on the new channel, which
 * orders a signed transaction over gRPC), Fabric's refusals (405, 400, 404, 406), join with real blocks made by
 * Fabric's configtxgen (a follower; a system channel refused), removal, and a client without a certificate refused
 * at the handshake. One network for the whole class: about 10 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ParticipationApiTest {

    @TempDir
    static Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private Path sample;
    private NetworkPlan plan;
    private LocalNetwork net;
    private HttpClient admin;

    @BeforeAll
    void launch() throws Exception {
        Path configtx = TestNetworks.threeOrderersSample(dir); // a copy on free ports
        sample = configtx.getParent();
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c),
                List.of(new NetworkPlanLoader.ChannelRequest("system", null)), null,
                new NetworkPlanLoader.Overrides(Duration.ofMillis(100), 0));
        net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false));
        Path tls = sample.resolve("crypto/ordererOrganizations/example.com/users/Admin@example.com/tls");
        admin = client(OperationsClient.sslContext(tlsca(), tls.resolve("client.crt"), tls.resolve("client.key")));
    }

    @AfterAll
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    private Path tlsca() {
        return sample.resolve("crypto/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem");
    }

    private static HttpClient client(SSLContext ssl) {
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private String url(long node, String path) {
        return net.adminUrl(node).orElseThrow() + path;
    }

    private HttpResponse<String> get(long node, String path) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create(url(node, path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(long node, String path) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create(url(node, path))).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** osnadmin's join request: multipart/form-data with one file part "config-block" named config.block. */
    private HttpResponse<String> join(long node, byte[] block) throws Exception {
        String boundary = "a9d4f0b1c2e3";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(HttpRequest.newBuilder(URI.create(url(node, "/participation/v1/channels")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body());
    }

    @Test
    @org.junit.jupiter.api.Order(1) // before any channel is joined
    void listAndInfoInFabricsShapes() throws Exception {
        HttpResponse<String> list = get(1, "/participation/v1/channels");
        assertEquals(200, list.statusCode(), list.body());
        assertEquals("application/json", list.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", list.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("{\"systemChannel\":null,\"channels\":[{\"name\":\"system\",\"url\":\"/participation/v1/channels/system\"}]}\n",
                list.body());
        TestNetworks.await("a leader", Duration.ofSeconds(30), () -> net.leader("system") != 0);
        HttpResponse<String> info = get(2, "/participation/v1/channels/system");
        assertEquals(200, info.statusCode(), info.body());
        JsonNode i = body(info);
        assertEquals(List.of("name", "url", "consensusRelation", "status", "height"), iterable(i.fieldNames()));
        assertEquals("consenter", i.get("consensusRelation").asText());
        assertEquals("active", i.get("status").asText());
        assertTrue(i.get("height").asLong() >= 1, info.body());

        HttpResponse<String> redirect = admin.send(HttpRequest.newBuilder(URI.create(url(1, "/participation/v1/"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, redirect.statusCode());
        assertEquals("/participation/v1/channels", redirect.headers().firstValue("Location").orElse(""));
    }

    @Test
    void joinAConfigtxgenBlockOnEveryNodeElectsALeaderOrdersAndRemoves() throws Exception {
        Configtx c = LoadedConfigtx.read(sample.resolve("configtx.yaml")).model().orElseThrow();
        Block block = ChannelConfigEncoder.defaults().genesisBlock(c.profile(plan.profile()).orElseThrow(), "newchannel");
        for (long node = 1; node <= 3; node++) {
            HttpResponse<String> r = join(node, block.toByteArray());
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("/participation/v1/channels/newchannel", r.headers().firstValue("Location").orElse(""));
            JsonNode info = body(r);
            assertEquals("newchannel", info.get("name").asText());
            assertEquals("/participation/v1/channels/newchannel", info.get("url").asText());
            assertEquals("consenter", info.get("consensusRelation").asText());
            assertEquals("active", info.get("status").asText());
            assertEquals(1, info.get("height").asLong());
        }
        TestNetworks.await("a leader of newchannel", Duration.ofSeconds(30), () -> net.leader("newchannel") != 0);
        assertTrue(net.channels().contains("newchannel"), net.channels().toString());
        assertEquals(List.of(1L, 2L, 3L), net.consenters("newchannel"));

        long leader = net.leader("newchannel");
        Path user = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        SigningIdentity client = SigningIdentity.fromPemFiles("Org1MSP", user.resolve("signcerts/User1@org1.example.com-cert.pem"),
                user.resolve("keystore/priv_sk"));
        ManagedChannel ch = connect(net, leader, tlsca(), plan.consenter(leader).host());
        try {
            List<BroadcastResponse> ok = broadcast(ch, List.of(Envelopes.signedTransaction("newchannel", client,
                    ByteString.copyFromUtf8("joined"), Instant.now())));
            assertEquals(Status.SUCCESS, ok.get(0).getStatus(), ok.get(0).getInfo());
        } finally {
            ch.shutdownNow();
        }
        TestNetworks.await("block 1 on node 3", Duration.ofSeconds(20), () -> {
            try {
                return body(get(3, "/participation/v1/channels/newchannel")).get("height").asLong() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<byte[]> newest = admin.send(HttpRequest.newBuilder(URI.create(url(3,
                "/participation/v1/channels/newchannel/blocks/newest"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, newest.statusCode());
        assertEquals(1, Block.parseFrom(newest.body()).getHeader().getNumber());

        HttpResponse<String> again = join(1, block.toByteArray());
        assertEquals(405, again.statusCode(), again.body());
        assertEquals("GET, DELETE", again.headers().firstValue("Allow").orElse(""));
        assertEquals("{\"error\":\"cannot join: channel already exists\"}\n", again.body());

        Path ledger = net.dataDir().resolve(plan.consenter(3).host()).resolve("ledger").resolve("newchannel");
        assertTrue(Files.isDirectory(ledger), ledger.toString());
        HttpResponse<String> removed = delete(3, "/participation/v1/channels/newchannel");
        assertEquals(204, removed.statusCode(), removed.body());
        assertEquals("", removed.body());
        assertFalse(Files.exists(ledger), "the ledger of a removed channel is deleted");
        HttpResponse<String> gone = get(3, "/participation/v1/channels/newchannel");
        assertEquals(404, gone.statusCode());
        assertEquals("{\"error\":\"channel does not exist\"}\n", gone.body());
        HttpResponse<String> twice = delete(3, "/participation/v1/channels/newchannel");
        assertEquals(404, twice.statusCode());
        assertEquals("{\"error\":\"cannot remove: channel does not exist\"}\n", twice.body());
        assertFalse(iterable(body(get(3, "/participation/v1/channels")).get("channels").elements()).stream()
                .anyMatch(e -> e.get("name").asText().equals("newchannel")));
        // nodes 1 and 2 keep the channel; the network's snapshot no longer lists node 3 on it
        assertTrue(net.snapshot().nodes().stream().filter(n -> n.id().value() == 3).findFirst().orElseThrow().channel("newchannel").isEmpty());
        assertTrue(net.snapshot().channels().contains("newchannel"));
        TestNetworks.await("a leader of newchannel among nodes 1 and 2", Duration.ofSeconds(30), () -> net.leader("newchannel") != 0);
    }

    @Test
    void realFabricBlocksAFollowerAndARefusedSystemChannel() throws Exception {
        // block 0 of hospital-channel as a real Fabric orderer wrote it (HugoIr/ehr-system, fabric-ledgers/SOURCES.md):
        // its consenters are not this network's nodes, and their certificates chain to the block's own TLS CAs
        byte[] app = hospitalChannelGenesis().toByteArray();
        HttpResponse<String> follower = join(2, app);
        assertEquals(201, follower.statusCode(), follower.body());
        assertEquals("{\"name\":\"hospital-channel\",\"url\":\"/participation/v1/channels/hospital-channel\","
                + "\"consensusRelation\":\"follower\",\"status\":\"onboarding\",\"height\":0}\n", follower.body());
        HttpResponse<String> notReady = get(2, "/participation/v1/channels/hospital-channel/blocks/oldest");
        assertEquals(404, notReady.statusCode());
        assertEquals("{\"error\":\"channel is not ready, he is a follower\"}\n", notReady.body());
        assertEquals(204, delete(2, "/participation/v1/channels/hospital-channel").statusCode());
        assertEquals(404, get(2, "/participation/v1/channels/hospital-channel").statusCode());

        // the Fabric 2.5 test-network block of LinXJ1204/fabricWithEbpfSequencerExperiment lists orderer2's TLS
        // certificate for orderer1 too (the repository's orderer1 server.crt is a copy of orderer2's): etcdraft's
        // IsChannelMember refuses it in VerifyConfigMetadata, and so does this orderer
        byte[] duplicated = Files.readAllBytes(JoinBlocksTest.fixture("linxj-2.5-app-channel/channel-artifacts/mychannel.block"));
        HttpResponse<String> refusedDuplicate = join(2, duplicated);
        assertEquals(400, refusedDuplicate.statusCode());
        assertTrue(refusedDuplicate.body().startsWith("{\"error\":\"cannot join: failed to determine cluster membership from "
                + "join-block: failed to validate config metadata of ordering config: duplicate consenter: server cert: "
                + "-----BEGIN CERTIFICATE-----"), refusedDuplicate.body());
        assertEquals(404, get(2, "/participation/v1/channels/mychannel").statusCode());

        // Fabric's own cluster testdata block (orderer/common/cluster/testdata/mychannel.block) orders with Kafka:
        // registrar.go's "failed to find a consenter for consensus type: %s"
        byte[] kafka = Files.readAllBytes(Path.of(ParticipationApiTest.class.getResource("/fabric-protocols/fabric/mychannel.block").toURI()));
        HttpResponse<String> noKafka = join(2, kafka);
        assertEquals(400, noKafka.statusCode());
        assertEquals("{\"error\":\"cannot join: failed to find a consenter for consensus type: kafka\"}\n", noKafka.body());

        byte[] system = Files.readAllBytes(JoinBlocksTest.fixture("sjtu-2.2-system-channel/channel-artifacts/genesis.block"));
        HttpResponse<String> refused = join(2, system);
        assertEquals(400, refused.statusCode());
        assertEquals("{\"error\":\"invalid join block: invalid config: contains consortiums: system channel not supported\"}\n",
                refused.body());
    }

    private static Block hospitalChannelGenesis() throws Exception {
        Path chain = Path.of(ParticipationApiTest.class.getResource("/fabric-ledgers/ehr-system/chains/hospital-channel").toURI());
        Block[] first = new Block[1];
        io.raftlens.raft.fabricledger.FabricChainReader.read(chain, b -> {
            first[0] = b.block();
            return false;
        });
        assertEquals(0, first[0].getHeader().getNumber());
        return first[0];
    }

    /**
     * A block made by configtxgen from a profile with consenters 1 and 2 only: they start the channel, node 3 follows
     * it, pulling block 0 and every block after from them, until a config update adds it and it becomes a consenter.
     */
    @Test
    void aNodeOutsideTheConsenterSetFollowsThePulledBlocks() throws Exception {
        String yaml = Files.readString(sample.resolve("configtx.yaml"));
        String pair = yaml.replaceAll("(?s)      - Host: orderer3\\.example\\.com\n.*?ServerTLSCert: [^\n]*\n", "");
        assertTrue(pair.length() < yaml.length(), "orderer3's consenter entry removed");
        Path file = sample.resolve("configtx-pair.yaml");
        Files.writeString(file, pair);
        Configtx c = LoadedConfigtx.read(file).model().orElseThrow();
        Block block = ChannelConfigEncoder.defaults().genesisBlock(c.profile(plan.profile()).orElseThrow(), "pair");

        HttpResponse<String> follower = join(3, block.toByteArray());
        assertEquals(201, follower.statusCode(), follower.body());
        assertEquals("follower", body(follower).get("consensusRelation").asText());
        assertEquals("onboarding", body(follower).get("status").asText());
        for (long node = 1; node <= 2; node++) {
            HttpResponse<String> r = join(node, block.toByteArray());
            assertEquals("consenter", body(r).get("consensusRelation").asText(), r.body());
        }
        TestNetworks.await("a leader of pair", Duration.ofSeconds(30), () -> net.leader("pair") != 0);
        assertEquals(List.of(1L, 2L), net.consenters("pair"));
        long leader = net.leader("pair");
        Path user = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        SigningIdentity client = SigningIdentity.fromPemFiles("Org1MSP", user.resolve("signcerts/User1@org1.example.com-cert.pem"),
                user.resolve("keystore/priv_sk"));
        ManagedChannel ch = connect(net, leader, tlsca(), plan.consenter(leader).host());
        try {
            BroadcastResponse ok = broadcast(ch, List.of(Envelopes.signedTransaction("pair", client,
                    ByteString.copyFromUtf8("followed"), Instant.now()))).get(0);
            assertEquals(Status.SUCCESS, ok.getStatus(), ok.getInfo());
        } finally {
            ch.shutdownNow();
        }
        TestNetworks.await("node 3 following block 1", Duration.ofSeconds(20), () -> {
            try {
                JsonNode i = body(get(3, "/participation/v1/channels/pair"));
                return i.get("height").asLong() == 2 && i.get("status").asText().equals("active")
                        && i.get("consensusRelation").asText().equals("follower");
            } catch (Exception e) {
                return false;
            }
        });

        // the network lists node 3 on the channel as a member (follows, no Raft), the others with their Raft roles
        ChannelState member = net.snapshot().node(io.raftlens.raft.ids.NodeId.of(3)).orElseThrow().channel("pair").orElseThrow();
        assertEquals(NodeRole.MEMBER, member.role());
        assertEquals(2, member.height());
        assertFalse(member.consenter());
        assertTrue(ControlJson.network(net.snapshot()).toString().contains("role=member"), ControlJson.network(net.snapshot()).toString());
        assertTrue(NetworkTable.compact(net.snapshot(), "pair").startsWith("pair: leader " + leader + " term "),
                NetworkTable.compact(net.snapshot(), "pair"));

        // a config update adding node 3 reaches it as a pulled config block: it switches from follower to consenter
        var added = net.updateConsenters("pair", List.of(1L, 2L, 3L)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(added.isSuccess(), added.info());
        TestNetworks.await("node 3 a consenter of pair", Duration.ofSeconds(30), () -> {
            try {
                JsonNode i = body(get(3, "/participation/v1/channels/pair"));
                return i.get("consensusRelation").asText().equals("consenter")
                        && net.node(3).orElseThrow().chain("pair").map(x -> x.status().leader() != 0).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(List.of(1L, 2L, 3L), net.consenters("pair"));
        assertEquals(204, delete(3, "/participation/v1/channels/pair").statusCode());
    }

    /**
     * osnadmin 3.x's {@code channel update}: a PUT with a CONFIG_UPDATE envelope (part {@code config-update-envelope})
     * goes through the config path — refused with Fabric's policy message while only a client signed it, applied once
     * the orderer admin signed it.
     */
    @Test
    void aConfigUpdateThroughPut() throws Exception {
        Configtx c = LoadedConfigtx.read(sample.resolve("configtx.yaml")).model().orElseThrow();
        Block block = ChannelConfigEncoder.defaults().genesisBlock(c.profile(plan.profile()).orElseThrow(), "upd");
        for (long node = 1; node <= 3; node++) {
            assertEquals(201, join(node, block.toByteArray()).statusCode());
        }
        TestNetworks.await("a leader of upd", Duration.ofSeconds(30), () -> net.leader("upd") != 0);
        var config = io.raftlens.raft.fabric.config.ChannelConfig.fromBlock(block);
        var md = org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata.parseFrom(
                config.consensusType().orElseThrow().getMetadata());
        var removal = ConsenterConfigUpdate.compute(config, md.toBuilder().removeConsenters(2).build());
        Path users = sample.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        SigningIdentity user1 = SigningIdentity.fromPemFiles("Org1MSP", users.resolve("signcerts/User1@org1.example.com-cert.pem"),
                users.resolve("keystore/priv_sk"));
        Path admins = sample.resolve("crypto/ordererOrganizations/example.com/users/Admin@example.com/msp");
        SigningIdentity ordererAdmin = SigningIdentity.fromPemFiles("OrdererMSP",
                admins.resolve("signcerts/Admin@example.com-cert.pem"), admins.resolve("keystore/priv_sk"));

        HttpResponse<String> clientOnly = update(1, ConsenterConfigUpdate.envelope("upd", removal, List.of(user1)).toByteArray());
        assertEquals(400, clientOnly.statusCode(), clientOnly.body());
        assertTrue(body(clientOnly).get("error").asText().startsWith("cannot update: failed update config of channel upd: "
                + "error applying config update to existing channel 'upd': error authorizing update: "), clientOnly.body());

        HttpResponse<String> ok = update(1, ConsenterConfigUpdate.envelope("upd", removal, List.of(ordererAdmin)).toByteArray());
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals("/participation/v1/channels/upd", ok.headers().firstValue("Location").orElse(""));
        assertEquals("consenter", body(ok).get("consensusRelation").asText());
        TestNetworks.await("node 3 removed from upd", Duration.ofSeconds(30), () -> net.consenters("upd").equals(List.of(1L, 2L)));

    }

    private HttpResponse<String> update(long node, byte[] envelope) throws Exception {
        String boundary = "c0ffee42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-update-envelope\"; "
                + "filename=\"update.pb\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(envelope);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(HttpRequest.newBuilder(URI.create(url(node, "/participation/v1/channels")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fabricsRefusals() throws Exception {
        HttpResponse<String> put = admin.send(HttpRequest.newBuilder(URI.create(url(1, "/participation/v1/channels/system")))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        assertEquals("GET, DELETE", put.headers().firstValue("Allow").orElse(""));
        assertEquals("{\"error\":\"invalid request method: PUT\"}\n", put.body());

        HttpResponse<String> patch = admin.send(HttpRequest.newBuilder(URI.create(url(1, "/participation/v1/channels")))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, patch.statusCode());
        assertEquals("GET, POST, PUT", patch.headers().firstValue("Allow").orElse(""));

        HttpResponse<String> jsonPost = admin.send(HttpRequest.newBuilder(URI.create(url(1, "/participation/v1/channels")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, jsonPost.statusCode());
        assertEquals("{\"error\":\"unsupported Content-Type: [application/json]\"}\n", jsonPost.body());

        HttpResponse<String> garbage = join(1, new byte[] {(byte) 0xff, 0x01, 0x02});
        assertEquals(400, garbage.statusCode());
        assertTrue(body(garbage).get("error").asText().startsWith("cannot unmarshal file part config-block into a block: "),
                garbage.body());

        Block notConfig = Block.newBuilder().setData(org.hyperledger.fabric.protos.common.BlockData.newBuilder()
                .addData(ByteString.copyFromUtf8("tx"))).build();
        HttpResponse<String> data = join(1, notConfig.toByteArray());
        assertEquals(400, data.statusCode());
        assertEquals("{\"error\":\"invalid join block: block is not a config block\"}\n", data.body());

        HttpResponse<String> badName = get(1, "/participation/v1/channels/Bad_Name");
        assertEquals(400, badName.statusCode());
        assertEquals("{\"error\":\"invalid channel ID: 'Bad_Name' contains illegal characters\"}\n", badName.body());

        HttpResponse<String> unknown = delete(1, "/participation/v1/channels/nosuchchannel");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error\":\"cannot remove: channel does not exist\"}\n", unknown.body());

        HttpResponse<String> xml = admin.send(HttpRequest.newBuilder(URI.create(url(1, "/participation/v1/channels")))
                .header("Accept", "text/xml").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(406, xml.statusCode());
        assertEquals("{\"error\":\"response Content-Type is application/json only\"}\n", xml.body());

        assertEquals(404, get(1, "/participation/v2/channels").statusCode());
    }

    @Test
    void aClientWithoutACertificateIsRefusedAtTheHandshake() {
        HttpClient anonymous = client(OperationsClient.sslContext(tlsca(), null, null));
        assertThrows(IOException.class, () -> anonymous.send(HttpRequest.newBuilder(URI.create(url(1,
                "/participation/v1/channels"))).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
