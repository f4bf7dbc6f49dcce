package io.raftlens.raft.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.transport.DevCa;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.transport.TlsMaterial;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
import io.raftlens.raft.transport.TransportObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OperationsServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T13:40:01.120Z"), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @TempDir
    Path dir;

    private HttpResponse<String> get(OperationsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.address().getPort() + path))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsEndpointServesTransportMetricsWithFabricNames() throws Exception {
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        TlsMaterial tls1 = ca.nodeMaterial("orderer1.example.com");
        TlsMaterial tls2 = ca.nodeMaterial("orderer2.example.com");
        OrdererMetrics metrics = new OrdererMetrics();
        CountDownLatch delivered = new CountDownLatch(3);
        CountDownLatch refused = new CountDownLatch(1);
        TransportObserver onRefusal = new TransportObserver() {
            @Override
            public void peerRefused(String remote, String subject, String channel, String reason) {
                refused.countDown();
            }
        };
        TlsMaterial tls9 = ca.nodeMaterial("orderer9.example.com");
        try (Transport t1 = Transport.start(TransportConfig.builder(1, tls1)
                        .observer(TransportObserver.all(metrics.cluster(), onRefusal)).build(), (c, f, m) -> { });
             Transport intruder = Transport.start(TransportConfig.builder(9, tls9).build(), (c, f, m) -> { });
             Transport t2 = Transport.start(TransportConfig.builder(2, tls2).build(),
                     (c, f, m) -> delivered.countDown());
             OperationsServer ops = OperationsServer.start("127.0.0.1", 0, metrics, new HealthRegistry(), CLOCK)) {
            metrics.cluster().attach(t1);
            Map<Long, java.security.cert.X509Certificate> consenters = Map.of(1L, tls1.certificate(),
                    2L, tls2.certificate());
            t1.setChannelMembers("mychannel", consenters);
            t2.setChannelMembers("mychannel", consenters);
            int port2 = t2.localAddress().getPort();
            t1.addPeer(new PeerEndpoint(2, "orderer2.example.com", port2, "127.0.0.1", null));
            t2.addPeer(new PeerEndpoint(1, "orderer1.example.com", t1.localAddress().getPort(), "127.0.0.1", null));
            t1.addPeer(new PeerEndpoint(3, "orderer3.example.com", 1, "127.0.0.1", null)); // nothing listens
            assertTrue(t1.awaitConnected(2, TIMEOUT));
            assertTrue(t2.awaitConnected(1, TIMEOUT));
            Message hb = Message.newBuilder().setType(MessageType.MsgHeartbeat).setFrom(1).setTo(2).setTerm(1).build();
            for (int i = 0; i < 3; i++) {
                assertTrue(t1.send("mychannel", 2, hb));
            }
            assertFalse(t1.send("mychannel", 3, hb));
            assertTrue(delivered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            intruder.addPeer(new PeerEndpoint(1, "orderer1.example.com", t1.localAddress().getPort(), "127.0.0.1",
                    null));
            assertTrue(refused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            intruder.removePeer(1);

            HttpResponse<String> response = get(ops, "/metrics");
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            Exposition e = new Exposition(response.body());
            String peer2 = "host=\"orderer2.example.com:" + port2 + "\"";
            String queue = "{channel=\"mychannel\"," + peer2 + ",msg_type=\"consensus\"}";
            e.assertType("cluster_comm_egress_queue_length", "gauge");
            e.assertSample("cluster_comm_egress_queue_length" + queue, "0");
            e.assertType("cluster_comm_egress_queue_capacity", "gauge");
            e.assertSample("cluster_comm_egress_queue_capacity" + queue, "100");
            e.assertSample("cluster_comm_egress_queue_workers{channel=\"mychannel\"}", "1");
            e.assertSample("cluster_comm_egress_stream_count{channel=\"mychannel\"}", "1");
            e.assertType("cluster_comm_ingress_stream_count", "gauge");
            e.assertSample("cluster_comm_ingress_stream_count", "1");
            e.assertSample("cluster_comm_egress_tls_connection_count", "1");
            e.assertType("cluster_comm_msg_dropped_count", "counter");
            e.assertSample("cluster_comm_msg_dropped_count{channel=\"mychannel\",host=\"orderer3.example.com:1\"}",
                    "1");
            e.assertType("cluster_comm_msg_send_time", "histogram");
            e.assertSample("cluster_comm_msg_send_time_count{channel=\"mychannel\"," + peer2 + "}", "3");
            e.assertType("raftlens_cluster_comm_refused_count", "counter");
            assertTrue(Double.parseDouble(e.samples.get("raftlens_cluster_comm_refused_count")) >= 1, e.text);
            assertFalse(response.body().contains("_total"), response.body());
        }
    }

    @Test
    void healthzUsesFabricsFormat() throws Exception {
        HealthRegistry health = new HealthRegistry();
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, new OrdererMetrics(), health, CLOCK)) {
            HttpResponse<String> ok = get(ops, "/healthz");
            assertEquals(200, ok.statusCode());
            assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(""));
            assertEquals("{\"status\":\"OK\",\"time\":\"2026-11-26T13:40:01.12Z\"}", ok.body());

            health.register("raft/mychannel", () -> { });
            health.register("ledger", () -> {
                throw new IllegalStateException("disk \"full\"");
            });
            assertThrows(IllegalStateException.class, () -> health.register("ledger", () -> { }));
            HttpResponse<String> failed = get(ops, "/healthz");
            assertEquals(503, failed.statusCode());
            assertEquals("{\"status\":\"Service Unavailable\",\"time\":\"2026-11-26T13:40:01.12Z\","
                    + "\"failed_checks\":[{\"component\":\"ledger\",\"reason\":\"disk \\\"full\\\"\"}]}",
                    failed.body());

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ops.address().getPort() + "/healthz")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals(404, get(ops, "/nope").statusCode());
        }
    }

    @Test
    void closeFreesThePortAndWorkers() throws InterruptedException {
        OperationsServer first = OperationsServer.start("127.0.0.1", 0, new OrdererMetrics(), new HealthRegistry());
        int port = first.address().getPort();
        IllegalStateException inUse = assertThrows(IllegalStateException.class,
                () -> OperationsServer.start("127.0.0.1", port, new OrdererMetrics(), new HealthRegistry()));
        assertTrue(inUse.getMessage().contains("127.0.0.1:" + port + ": address already in use"), inUse.getMessage());
        first.close();
        try (OperationsServer again = OperationsServer.start("127.0.0.1", port, new OrdererMetrics(),
                new HealthRegistry())) {
            assertEquals(port, again.address().getPort());
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("operations-" + port)) {
                t.join(TIMEOUT.toMillis()); // the pool has terminated; join covers the instant before threads exit
                assertFalse(t.isAlive(), "left running: " + t.getName());
            }
        }
    }

    @Test
    void goTimeTrimsTrailingZeros() {
        assertEquals("2026-11-26T13:40:01Z", OperationsServer.goTime(Instant.parse("2026-11-26T13:40:01Z")));
        assertEquals("2026-11-26T13:40:01.000000005Z",
                OperationsServer.goTime(Instant.parse("2026-11-26T13:40:01.000000005Z")));
    }
}
