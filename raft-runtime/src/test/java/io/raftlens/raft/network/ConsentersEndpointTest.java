package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.raft.node.OrderingNode;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/channels/{ch}/consenters} over real HTTP against a 4-node network. */
@Timeout(90)
class ConsentersEndpointTest {

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void removingAConsenterAnswersWithTheConfigBlockAndTheNetworkDocumentShowsIt() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 4, List.of("mychannel"), Duration.ofMillis(100), 10,
                Duration.ofMillis(20), 16 << 20);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false));
             ControlServer control = ControlServer.start(net, 0)) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", Duration.ofSeconds(30));
            assertTrue(TestNetworks.broadcastUntilServed(net, "mychannel", "served".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(30)).isSuccess(), "the leader serves once it caught up");
            long follower = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leader.id()).findFirst().orElseThrow();
            String path = "/v1/channels/mychannel/consenters";

            assertEquals(401, post(control, path, "{\"remove\":" + follower + "}", false).statusCode());
            HttpResponse<String> two = post(control, path, "{\"consenters\":[" + leader.id() + "]}", true);
            assertEquals(400, two.statusCode(), two.body());
            assertEquals("error applying config update to existing channel 'mychannel': consensus metadata update for channel config update is invalid: update of more than one "
                    + "consenter at a time is not supported, requested changes: add 0 node(s), remove 3 node(s)",
                    json.readTree(two.body()).get("error").asText());
            assertEquals(409, post(control, path, "{\"add\":" + follower + "}", true).statusCode());
            assertEquals(400, post(control, path, "{\"remove\":\"x\"}", true).statusCode());
            assertEquals(404, post(control, "/v1/channels/nochannel/consenters", "{\"remove\":1}", true).statusCode());

            CompletableFuture<String> event = firstEvent(control, "membership");
            HttpResponse<String> r = post(control, path, "{\"remove\":" + follower + "}", true);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json.readTree(r.body());
            assertEquals("SUCCESS", body.get("status").asText());
            assertTrue(body.get("block").asLong() >= 1);
            List<Long> remaining = new java.util.ArrayList<>(List.of(1L, 2L, 3L, 4L));
            remaining.remove(follower);
            assertEquals(remaining, json.convertValue(body.get("consenters"),
                    json.getTypeFactory().constructCollectionType(List.class, Long.class)));
            String data = event.get(20, TimeUnit.SECONDS);
            assertTrue(data.contains("\"channel\":\"mychannel\"") && data.contains("\"change\":\"removed " + follower + "\""), data);

            TestNetworks.await("node " + follower + " evicted", Duration.ofSeconds(30),
                    () -> net.node(follower).orElseThrow().chain("mychannel").orElseThrow().status().evicted());
            JsonNode doc = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port()
                    + "/v1/network")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(remaining.toString().replace(" ", ""), doc.get("consenters").get("mychannel").toString());
            JsonNode removedNode = doc.get("nodes").get((int) follower - 1).get("channels").get("mychannel");
            assertEquals("evicted", removedNode.get("role").asText());
            assertFalse(removedNode.get("consenter").asBoolean());
            assertTrue(doc.get("nodes").get((int) leader.id() - 1).get("channels").get("mychannel").get("consenter").asBoolean());
            assertTrue(NetworkTable.render(ControlJson.readNetwork(json.convertValue(doc, java.util.Map.class))).contains("evicted"));
        }
    }

    private HttpResponse<String> post(ControlServer control, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            b.header(ControlToken.HEADER, control.token().value());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data line of the first SSE event of {@code type}. */
    private CompletableFuture<String> firstEvent(ControlServer control, String type) throws Exception {
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + control.port() + "/v1/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event: " + type)) {
                        return in.readLine();
                    }
                }
            } catch (Exception e) {
                return "error " + e;
            }
            return "closed";
        });
    }
}
