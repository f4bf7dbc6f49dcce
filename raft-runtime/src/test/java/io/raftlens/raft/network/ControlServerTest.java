package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control API of DESIGN.md over real HTTP against a 3-node network. */
@Timeout(60)
class ControlServerTest {

    @TempDir
    static Path dir;
    static LocalNetwork net;
    static ControlServer control;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(100), 10,
                Duration.ofMillis(20), 16 << 20);
        net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false));
        control = ControlServer.start(net, 0);
        Agreement.await(net, "mychannel", Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        control.close();
        net.close();
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header(ControlToken.HEADER, control.token().value());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void networkDocumentHasTheDesignShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/v1/network"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode doc = json.readTree(r.body());
        assertEquals("mychannel", doc.get("channels").get(0).asText());
        JsonNode n1 = doc.get("nodes").get(0);
        assertEquals(1, n1.get("id").asInt());
        assertEquals("orderer1.example.com", n1.get("name").asText());
        assertTrue(n1.get("address").asText().startsWith("127.0.0.1:"));
        assertTrue(n1.get("running").asBoolean());
        JsonNode ch = n1.get("channels").get("mychannel");
        for (String f : List.of("role", "term", "leader", "commitIndex", "height")) {
            assertTrue(ch.has(f), f);
        }
    }

    /**
     * The shape (keys in order, value kinds) of GET /v1/network, pinned for the VS Code extension and the docs;
     * {@code clientAddress} (the AtomicBroadcast gRPC endpoint, README "Fabric clients") and {@code adminAddress} (the
     * channel participation API, README "Channel participation (osnadmin)") were added on purpose.
     */
    @Test
    void networkDocumentKeepsItsExactShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/v1/network"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String node = "{\"id\":n,\"name\":s,\"address\":s,\"opsAddress\":s,\"clientAddress\":s,\"adminAddress\":s,\"running\":b,"
                + "\"channels\":{\"mychannel\":"
                + "{\"role\":s,\"term\":n,\"leader\":n,\"commitIndex\":n,\"height\":n,\"consenter\":b}}}";
        assertEquals("{\"channels\":[s],\"consenters\":{\"mychannel\":[n,n,n]},\"nodes\":[" + node + "," + node + "," + node
                + "]}", shape(json.readTree(r.body())));
        assertEquals(r.body(), json.writeValueAsString(json.readTree(r.body())), "compact JSON, no pretty printing");
    }

    /** The JSON with every value replaced by its kind: s(tring), n(umber), b(oolean). */
    static String shape(JsonNode n) {
        if (n.isObject()) {
            List<String> fields = new java.util.ArrayList<>();
            n.fields().forEachRemaining(e -> fields.add("\"" + e.getKey() + "\":" + shape(e.getValue())));
            return "{" + String.join(",", fields) + "}";
        }
        if (n.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            n.forEach(i -> items.add(shape(i)));
            return "[" + String.join(",", items) + "]";
        }
        return n.isTextual() ? "s" : n.isNumber() ? "n" : n.isBoolean() ? "b" : n.toString();
    }

    @Test
    void broadcastAnswersOnceTheBlockIsCommitted() throws Exception {
        HttpResponse<String> r = post("/v1/channels/mychannel/broadcast", "hello");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals("SUCCESS", body.get("status").asText());
        assertTrue(body.get("block").asLong() >= 1);
        long follower = net.nodes().stream().filter(n -> n.id() != net.leader("mychannel")).findFirst().orElseThrow().id();
        // a follower forwards it to the leader (as Fabric's does) and answers once its own ledger has the block
        HttpResponse<String> viaFollower = post("/v1/channels/mychannel/broadcast?node=" + follower, "x");
        assertEquals(200, viaFollower.statusCode(), viaFollower.body());
        JsonNode forwarded = json.readTree(viaFollower.body());
        assertEquals("SUCCESS", forwarded.get("status").asText());
        assertTrue(forwarded.get("block").asLong() > body.get("block").asLong(), viaFollower.body());
    }

    @Test
    void browserOriginsUnknownNodesAndBadBodiesAreRefused() throws Exception {
        assertEquals(403, post("/v1/heal", "", "Origin", "http://evil.example").statusCode());
        assertEquals(404, post("/v1/nodes/9/stop", "").statusCode());
        assertEquals(400, post("/v1/partition", "{\"groups\":3}").statusCode());
        assertEquals(404, post("/v1/channels/nochannel/broadcast", "x").statusCode());
    }

    @Test
    void eventsStreamOverSse() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/v1/events")).build();
        HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        CompletableFuture<String> blockEvent = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event: block")) {
                        return in.readLine();
                    }
                }
            } catch (Exception e) {
                return "error " + e;
            }
            return "closed";
        });
        post("/v1/channels/mychannel/broadcast", "for the stream");
        String data = blockEvent.get(15, TimeUnit.SECONDS);
        assertTrue(data.startsWith("data: {\"type\":\"block\""), data);
        r.body().close();
    }
}
