package io.raftlens.raft.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A stopped or killed node's operations endpoint disappears, as a dead orderer process's does (so Prometheus never
 * sees a dead leader's last {@code is_leader 1}); a restart serves it again on the same port with fresh values.
 */
@Timeout(120)
class OperationsEndpointLifecycleTest {

    private static final String CH = "mychannel";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void killAndStopReleaseTheOpsPortAndStartServesFreshMetricsAgain() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of(CH));
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, CH, Duration.ofSeconds(20));
            int port = net.opsPort(leader.id());
            assertEquals(1, gauge(get(port), "consensus_etcdraft_is_leader"));

            net.killNode(leader.id());
            assertThrows(ConnectException.class, () -> get(port), "a killed node must not serve /metrics");
            Agreement.Leader next = Agreement.await(net, CH, Duration.ofSeconds(20));

            net.startNode(leader.id());
            assertEquals(port, net.opsPort(leader.id()), "a restarted node serves on its configured port");
            TestNetworks.await("the restarted node follows " + next.id(), Duration.ofSeconds(20), () ->
                    net.node(leader.id()).orElseThrow().chain(CH).orElseThrow().status().leader() == next.id());
            String after = get(port);
            assertEquals(0, gauge(after, "consensus_etcdraft_is_leader"));
            assertEquals(1, gauge(after, "consensus_etcdraft_leader_changes"),
                    "counters start again from zero in the new run; it has seen one leader since");

            net.stopNode(next.id());
            int nextPort = net.opsPort(next.id());
            assertThrows(ConnectException.class, () -> get(nextPort), "a stopped node must not serve /metrics");
            net.startNode(next.id());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nextPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    private static String get(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{channel=\"" + CH + "\"} (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError(name + " for " + CH + " missing from:\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }
}
