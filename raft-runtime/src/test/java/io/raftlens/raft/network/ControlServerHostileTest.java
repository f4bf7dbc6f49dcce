package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.metrics.OrdererMetrics;
import io.raftlens.raft.node.BroadcastResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * adversarial.md H1, M3, L1, L2, L3, L5: the control API's HTTP plumbing against idle, slow, oversized and
 * malformed requests, over a stub network that records what it was asked to do.
 */
class ControlServerHostileTest {

    /** Records every call; answers like a healthy network. */
    static final class Recorder implements NetworkControl {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final NetworkEvents events = new NetworkEvents();

        @Override public NetworkSnapshot snapshot() { return new NetworkSnapshot("", List.of(), Map.of(), List.of()); }
        @Override public void stopNode(long id) { calls.add("stop " + id); }
        @Override public void killNode(long id) { calls.add("kill " + id); }
        @Override public void startNode(long id) { calls.add("start " + id); }
        @Override public void isolateNode(long id) { calls.add("isolate " + id); }
        @Override public void healNode(long id) { calls.add("heal " + id); }
        @Override public void partition(List<List<Long>> groups) { calls.add("partition " + groups); }
        @Override public void healAll() { calls.add("heal"); }
        @Override public void transferLeader(String channel, long to) { calls.add("transfer " + to); }
        @Override public CompletableFuture<BroadcastResult> broadcast(String channel, Long node, byte[] tx) {
            calls.add("broadcast " + tx.length);
            return CompletableFuture.completedFuture(BroadcastResult.success(1));
        }
        @Override public CompletableFuture<io.raftlens.raft.node.ConsenterUpdateResult> updateConsenters(String channel, List<Long> c) {
            calls.add("consenters " + c);
            return new CompletableFuture<>();
        }
        @Override public List<Long> consenters(String channel) { return List.of(1L, 2L, 3L); }
        @Override public NetworkEvents events() { return events; }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Recorder network;
    private ControlServer control;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        network = new Recorder();
        control = ControlServer.start(network, 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        control.close();
        network.events.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .timeout(Duration.ofSeconds(3)).header(ControlToken.HEADER, control.token().value())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(3))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Connections that sent one byte and stopped, as many as the old pool had threads and more. */
    private void stall(int port, int count) throws Exception {
        stall(port, count, sockets);
    }

    /** {@code count} connections to {@code port} that sent one byte and stopped, kept in {@code into}. */
    static void stall(int port, int count, List<Socket> into) throws Exception {
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.getOutputStream().write('G');
            s.getOutputStream().flush();
            into.add(s);
        }
        Thread.sleep(200); // let the server hand them to workers
    }

    /** The status line and headers of the answer to {@code request}, as sent (ending with the blank line). */
    private String rawHead(String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", control.port()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }
    }

    /** The status line of the answer to {@code request}. */
    private String raw(String request) throws Exception {
        return rawHead(request).lines().findFirst().orElse("").trim();
    }

    @Test
    void idleConnectionsDoNotFreezeTheApi() throws Exception {
        stall(control.port(), 8);
        assertEquals(200, get(control.port(), "/v1/network").statusCode());
        assertEquals(200, post("/v1/nodes/3/kill", "").statusCode());
        assertEquals(List.of("kill 3"), network.calls);
    }

    @Test
    void idleConnectionsDoNotFreezeTheOperationsEndpoint() throws Exception {
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, new OrdererMetrics(), new HealthRegistry())) {
            int port = ops.address().getPort();
            stall(port, 8);
            assertEquals(200, get(port, "/healthz").statusCode());
            assertEquals(200, get(port, "/metrics").statusCode());
        }
    }

    @Test
    void anOversizedBodyIsRefusedFromItsContentLengthBeforeItIsRead() throws Exception {
        // 200 MB announced, nothing sent: the answer comes at once, without waiting for (or buffering) the body
        String status = raw("POST /v1/channels/mychannel/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ControlToken.HEADER + ": "
                + control.token().value() + "\r\nContent-Length: 209715200\r\n\r\n");
        assertTrue(status.contains(" 413 "), status);
        status = raw("POST /v1/partition HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ControlToken.HEADER + ": "
                + control.token().value() + "\r\nContent-Length: 2000000\r\n\r\n");
        assertTrue(status.contains(" 413 "), status);
        assertEquals(List.of(), network.calls);
        // the unread body is still on the wire: the answer says the connection ends with it
        String head = rawHead("POST /v1/channels/mychannel/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ControlToken.HEADER
                + ": " + control.token().value() + "\r\nContent-Length: 209715200\r\n\r\n").toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.startsWith("http/1.1 413 "), head);
        assertTrue(head.contains("\r\nconnection: close\r\n"), head);
    }

    @Test
    void eventStreamSlotsOfClientsThatLeftAreFreed() throws Exception {
        for (int i = 0; i < 16; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", control.port()), 2000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertTrue(s.getInputStream().read() >= 0); // the stream started; then the client goes away
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String status;
        do {
            Thread.sleep(100);
            status = raw("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        } while (!status.contains(" 200 ") && System.nanoTime() < deadline);
        assertTrue(status.contains(" 200 "), status);
    }

    @Test
    void numbersMustBeWholeNodeIds() throws Exception {
        assertEquals(400, post("/v1/channels/mychannel/consenters", "{\"remove\":2.7}").statusCode());
        assertEquals(400, post("/v1/partition", "{\"groups\":[[1.9,2,3]]}").statusCode());
        assertEquals(400, post("/v1/channels/mychannel/transfer-leader", "{\"to\":1e3}").statusCode());
        assertEquals(400, post("/v1/channels/mychannel/consenters", "{\"consenters\":[1,2,\"3\"]}").statusCode());
        assertEquals(404, post("/v1/channels/mychannel/consenters", "{\"remove\":99999999999999999999}").statusCode());
        HttpResponse<String> huge = post("/v1/nodes/99999999999999999999/kill", "");
        assertEquals(404, huge.statusCode(), huge.body());
        assertEquals(List.of(), network.calls);
        assertEquals(200, post("/v1/partition", "{\"groups\":[[1,2],[3]]}").statusCode());
        assertEquals(List.of("partition [[1, 2], [3]]"), network.calls);
    }

    @Test
    void aHostWithTextAfterTheIpv6BracketIsRefused() throws Exception {
        assertTrue(raw("GET /v1/network HTTP/1.1\r\nHost: [::1]evil.com\r\n\r\n").contains(" 403 "));
        assertTrue(raw("GET /v1/network HTTP/1.1\r\nHost: [::1]:7080\r\n\r\n").contains(" 200 "));
        assertTrue(raw("GET /v1/network HTTP/1.1\r\nHost: localhost:7080\r\n\r\n").contains(" 200 "));
    }
}
