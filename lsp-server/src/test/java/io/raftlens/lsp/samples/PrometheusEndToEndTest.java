package io.raftlens.lsp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's observability story against a real Prometheus (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs): the five-orderer sample is launched with a short tick, Prometheus scrapes its operations
 * endpoints every second with samples/observability/prometheus.yml (ports and interval adapted), and the article's
 * queries are evaluated through Prometheus' HTTP API — one leader of mychannel, a cluster of five, data for every
 * panel of the Grafana dashboard; after the leader
 * is killed through the control API, consensus_etcdraft_leader_changes rises and another orderer leads; once the
 * killed orderer is started again it follows, and the count of leaders is 1 again.
 * Skipped when no prometheus binary is installed, except under CI ({@code CI=true}), where that fails.
 */
@Timeout(240)
class PrometheusEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void articleQueriesThroughPrometheusBeforeAndAfterTheLeaderIsKilled() throws Exception {
        Path prometheus = prometheusBinary();
        Path sample = Repo.samples().resolve("five-orderers/configtx.yaml");
        try (LaunchedSample net = LaunchedSample.launch(sample, Duration.ofMillis(100), tmp.resolve("network"))) {
            Path config = scrapeConfig(net);
            int port = LaunchedSample.freePorts(1)[0];
            Path log = tmp.resolve("prometheus.log");
            Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                runScenario(net, "http://127.0.0.1:" + port, p, log);
            } finally {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private LaunchedSample current;
    private String prom;

    private void runScenario(LaunchedSample net, String prom, Process p, Path log) throws Exception {
        this.current = net;
        this.prom = prom;
        await("Prometheus ready", p, log, () -> status(prom + "/-/ready") == 200);
        String leaders = "count(consensus_etcdraft_is_leader{channel=\"mychannel\"} > 0)";
        await("the article's query " + leaders + " == 1", p, log, () -> scalar(prom, leaders).orElse(0.0) == 1.0);
        await("all five orderers scraped", p, log,
                () -> scalar(prom, "count(up{job=\"raftlens-orderers\"} == 1)").orElse(0.0) == 5.0);
        assertEquals(5.0, scalar(prom, "max(consensus_etcdraft_cluster_size{channel=\"mychannel\"})").orElseThrow(),
                "cluster size of mychannel");
        assertEquals(5.0, scalar(prom, "count(consensus_etcdraft_is_leader{channel=\"mychannel\"})").orElseThrow(),
                "the seed's count(consensus_etcdraft_is_leader{channel=\"mychannel\"}): one series per orderer");

        // Every panel of the Grafana dashboard gets data from this network, with $channel = mychannel.
        DashboardQueries dashboard = DashboardQueries.read();
        for (Map.Entry<String, String> e : dashboard.expressions.entrySet()) {
            if (e.getKey().startsWith("label_values(")) {
                continue; // a Grafana template function, not PromQL; its metric is queried by the panels
            }
            String promql = e.getKey().replace("$channel", "mychannel");
            await(e.getValue() + " returning data: " + promql, p, log, () -> !query(prom, promql).isEmpty());
        }

        String leader = leaderOrderer(prom);
        assertTrue(leader.matches("orderer[1-5]\\.example\\.com"), "one leader series with an orderer label: " + leader);
        long leaderId = Long.parseLong(leader.replaceAll("\\D", ""));
        await("the control API agreeing that orderer" + leaderId + " leads", p, log,
                () -> SampleLaunchTest.agreedLeaderOrZero(net, "mychannel") == leaderId);
        Map<String, Double> before = byOrderer(prom, "consensus_etcdraft_leader_changes{channel=\"mychannel\"}");
        assertEquals(5, before.size(), before.toString());

        net.post("/v1/nodes/" + leaderId + "/kill", "");

        await("consensus_etcdraft_leader_changes rising on a surviving orderer", p, log, () -> {
            Map<String, Double> now = byOrderer(prom, "consensus_etcdraft_leader_changes{channel=\"mychannel\"}");
            return now.entrySet().stream().anyMatch(e -> !e.getKey().equals(leader)
                    && e.getValue() > before.getOrDefault(e.getKey(), Double.MAX_VALUE));
        });
        long[] elected = new long[1];
        await("a new leader of mychannel, elected among the survivors, scraped", p, log, () -> {
            long now = SampleLaunchTest.agreedLeaderOrZero(net, "mychannel");
            elected[0] = now;
            return now != 0 && now != leaderId && scalar(prom, "consensus_etcdraft_is_leader{channel=\"mychannel\",orderer=\"orderer"
                    + now + ".example.com\"}").orElse(0.0) == 1.0;
        });
        long newLeader = elected[0];

        // The killed orderer rejoins as a follower (its pre-vote is rejected, the term stays): one leader again.
        net.post("/v1/nodes/" + leaderId + "/start", "");
        await("the article's query back to 1 with orderer" + newLeader + " leading after the rejoin", p, log,
                () -> scalar(prom, leaders).orElse(0.0) == 1.0
                        && leaderOrderer(prom).equals("orderer" + newLeader + ".example.com")
                        && scalar(prom, "count(up{job=\"raftlens-orderers\"} == 1)").orElse(0.0) == 5.0
                        && SampleLaunchTest.agreedLeaderOrZero(net, "mychannel") == newLeader);
    }

    @Test
    void samplePrometheusConfigPassesPromtool() throws Exception {
        Path promtool = prometheusBinary().resolveSibling("promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed beside " + promtool.getParent());
        Process check = new ProcessBuilder(promtool.toString(), "check", "config",
                Repo.samples().resolve("observability/prometheus.yml").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("SUCCESS"), out);
    }

    /** samples/observability/prometheus.yml with the launched nodes' operations ports and a 1 s scrape interval. */
    private Path scrapeConfig(LaunchedSample net) throws IOException {
        String yml = Files.readString(Repo.samples().resolve("observability/prometheus.yml"));
        yml = yml.replace("scrape_interval: 5s", "scrape_interval: 1s").replace("evaluation_interval: 5s", "evaluation_interval: 1s");
        for (int i = 0; i < 5; i++) {
            String target = "\"127.0.0.1:" + (8443 + i) + "\"";
            assertTrue(yml.contains(target), "prometheus.yml scrapes " + target);
            yml = yml.replace(target, "\"127.0.0.1:" + net.net.opsPort(i + 1) + "\"");
        }
        assertTrue(yml.contains("scrape_interval: 1s"), yml);
        Path out = tmp.resolve("prometheus.yml");
        Files.writeString(out, yml);
        return out;
    }

    /** The orderer label of the one series with is_leader > 0 for mychannel, or "" when there is not exactly one. */
    private static String leaderOrderer(String prom) {
        Map<String, Double> leaders = byOrderer(prom, "consensus_etcdraft_is_leader{channel=\"mychannel\"} > 0");
        return leaders.size() == 1 ? leaders.keySet().iterator().next() : "";
    }

    private static Path prometheusBinary() {
        String configured = System.getenv("RAFTLENS_PROMETHEUS");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "prometheus"));
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                return c;
            }
        }
        String why = "no prometheus binary on PATH (or RAFTLENS_PROMETHEUS); install Debian's package: apt-get install prometheus";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " — .ci/run installs it, so under CI this is a setup failure");
        }
        Assumptions.abort("Prometheus end-to-end test skipped: " + why);
        return null;
    }

    // --- Prometheus HTTP API ---

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode query(String prom, String promql) {
        String url = prom + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        try {
            JsonNode doc = JSON.readTree(LaunchedSample.get(url));
            assertEquals("success", doc.path("status").asText(), promql + ": " + doc);
            return doc.path("data").path("result");
        } catch (IOException e) {
            throw new AssertionError("Prometheus query " + promql + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value of a one-element vector result, empty when the result is empty. */
    private static Optional<Double> scalar(String prom, String promql) {
        JsonNode r = query(prom, promql);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        assertEquals(1, r.size(), promql + " returned " + r);
        return Optional.of(Double.parseDouble(r.get(0).path("value").get(1).asText()));
    }

    /** A vector result keyed by the {@code orderer} target label from prometheus.yml. */
    private static Map<String, Double> byOrderer(String prom, String promql) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode s : query(prom, promql)) {
            out.put(s.path("metric").path("orderer").asText(), Double.parseDouble(s.path("value").get(1).asText()));
        }
        return out;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** What the failure message of a timed-out wait shows: Prometheus' view and the control API's. */
    private final Map<String, Object> state = new LinkedHashMap<>();

    private void snapshot(LaunchedSample net, String prom) {
        try {
            state.put("up", byOrderer(prom, "up"));
            state.put("is_leader", byOrderer(prom, "consensus_etcdraft_is_leader{channel=\"mychannel\"}"));
            state.put("leader_changes", byOrderer(prom, "consensus_etcdraft_leader_changes{channel=\"mychannel\"}"));
            state.put("network", LaunchedSample.get(net.controlUrl() + "/v1/network"));
        } catch (Exception | AssertionError e) {
            state.put("error", e.toString());
        }
    }

    private void await(String what, Process p, Path log, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (!p.isAlive()) {
                fail("prometheus exited (" + p.exitValue() + ") while waiting for " + what + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                snapshot(current, prom);
                fail("timed out after " + WAIT.toSeconds() + " s waiting for " + what + "; Prometheus has up " + state.get("up")
                        + ", is_leader " + state.get("is_leader") + ", leader_changes " + state.get("leader_changes")
                        + "; control API: " + state.get("network") + "; prometheus log:\n" + Files.readString(log));
            }
            Thread.sleep(250);
        }
    }
}
