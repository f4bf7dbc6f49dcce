package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.raft.attach.Exposition;
import io.raftlens.raft.attach.OrdererStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching the editor to running orderers, deterministically: recorded {@code /metrics} answers
 * (src/test/resources/fabric-metrics/SOURCES.md) served by real HTTP servers on 127.0.0.1, one per orderer, and the
 * polls driven by the test ({@link AttachedNetwork#poll()}), not by a clock. What is asserted is what the user sees:
 * the lenses, the {@code raft} diagnostics and the {@code raftlens/networkStatus} notification.
 */
class AttachedNetworkTest {

    @TempDir
    Path dir;

    private final Map<String, DocumentModel> open = new LinkedHashMap<>();
    private final List<Orderer> orderers = new ArrayList<>();
    private LiveNetworks networks;
    private LiveCommands commands;

    /** One orderer's operations endpoint: {@code /metrics} answers whatever recording is set. */
    static final class Orderer implements AutoCloseable {
        final HttpServer server;
        volatile String metrics = "";

        Orderer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", x -> answer(x, 200, metrics));
            server.createContext("/healthz", x -> answer(x, 200, "{\"status\":\"OK\",\"time\":\"2026-12-06T22:41:05.735757629Z\"}"));
            server.start();
        }

        static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String recording(String name) throws IOException {
        try (InputStream in = AttachedNetworkTest.class.getResourceAsStream("/fabric-metrics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** samples/three-orderers/configtx.yaml with {@code |} at the start of the Consenters key, in a folder of its own. */
    private FabricAssert.Doc threeOrderers() throws IOException {
        Path sample = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(sample.resolve("samples/three-orderers"))) {
            sample = sample.getParent();
        }
        String text = Files.readString(sample.resolve("samples/three-orderers/configtx.yaml"));
        int consenters = text.indexOf("Consenters:");
        String withCursor = text.substring(0, consenters) + "|" + text.substring(consenters);
        FabricAssert.Doc doc = FabricAssert.doc(withCursor, dir.resolve("configtx.yaml").toString());
        open.put(doc.model().uri(), doc.model());
        return doc;
    }

    private LiveNetworks networks() {
        if (networks == null) {
            networks = new LiveNetworks(new HeadlessEditor(open), dir.resolve("data"));
            commands = new LiveCommands(networks);
        }
        return networks;
    }

    @AfterEach
    void stop() {
        if (commands != null) {
            commands.close();
            networks.close();
        }
        orderers.forEach(Orderer::close);
    }

    private Object execute(String command, Map<String, Object> argument) throws Exception {
        return commands.execute(command, List.of(argument)).get(30, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> executeOk(String command, Map<String, Object> argument) throws Exception {
        Map<String, Object> r = (Map<String, Object>) execute(command, argument);
        assertFalse(r.containsKey("error"), () -> command + " failed: " + r.get("error"));
        return r;
    }

    private List<CodeLens> lenses(DocumentModel model) {
        List<CodeLens> out = new ArrayList<>();
        new LiveLenses(networks()).lenses(model, out, FabricAssert.NEVER);
        return out;
    }

    private List<Diagnostic> diagnostics(DocumentModel model) {
        List<Diagnostic> out = new ArrayList<>();
        new AttachDiagnostics(networks()).collect(model, LspSettings.defaults(), out, FabricAssert.NEVER);
        return out;
    }

    private static int lineOf(DocumentModel m, String needle) {
        return (int) m.text().substring(0, m.text().indexOf(needle)).chars().filter(c -> c == '\n').count();
    }

    private static List<String> on(List<Diagnostic> ds, int line) {
        return ds.stream().filter(d -> d.getRange().getStart().getLine() == line)
                .map(d -> d.getSeverity() + " " + d.getCode().getLeft() + ": " + d.getMessage().getLeft()).toList();
    }

    @Test
    void theAttachLensSitsBesideTheLaunchLensOnTheConsentersKey() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        networks();
        List<CodeLens> lenses = lenses(doc.model());
        assertEquals(List.of("▶ Launch network (3 consenters · mychannel)", "⇄ Attach to running network"),
                lenses.stream().map(l -> l.getCommand().getTitle()).toList());
        lenses.forEach(l -> assertEquals(doc.cursor().getLine(), l.getRange().getStart().getLine()));
        CodeLens attach = lenses.get(1);
        assertEquals(LiveCommands.ATTACH, attach.getCommand().getCommand());
        assertEquals(List.of(Map.of("uri", doc.model().uri(), "profile", "ChannelUsingRaft")), attach.getCommand().getArguments());
        assertTrue(LiveFeature.commands().containsAll(List.of(LiveCommands.ATTACH, LiveCommands.DETACH)));
    }

    @Test
    void followsRecordedOrderersThroughALeaderChangeWithoutControls() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        DocumentModel m = doc.model();
        String uri = m.uri();
        for (int i = 1; i <= 3; i++) {
            Orderer o = new Orderer();
            o.metrics = recording("before-orderer" + i + ".prom");
            orderers.add(o);
        }
        networks();
        Map<String, Object> r = executeOk(LiveCommands.ATTACH, Map.of("uri", uri, "interval", "1h", "endpoints", Map.of(
                "orderer1.example.com:7050", orderers.get(0).url(), "orderer2.example.com:8050", orderers.get(1).url(),
                "orderer3.example.com", orderers.get(2).url() + "/")));
        assertEquals("ChannelUsingRaft", r.get("profile"));
        assertEquals(3L, r.get("reachable"));
        assertEquals(List.of("mychannel"), r.get("channels"));
        int o1 = lineOf(m, "Host: orderer1.example.com");
        int o2 = lineOf(m, "Host: orderer2.example.com");
        int o3 = lineOf(m, "Host: orderer3.example.com");

        List<String> titles = LensReading.titles(lenses(m));
        assertEquals(List.of("■ Detach · leader orderer1.example.com · height 1 · attached",
                "leader · height 1 · active 3/3",
                "follower · leader orderer1.example.com · height 1",
                "follower · leader orderer1.example.com · height 1"), titles);
        assertEquals(List.of(), diagnostics(m));
        NetworkStatus status = networks.statuses(uri).get(0);
        assertTrue(status.attached() && status.running());
        assertEquals(List.of("leader", "follower", "follower"), status.nodes().stream().map(NetworkStatus.Node::role).toList());
        assertEquals(o2, status.nodes().get(1).range().getStart().getLine());

        // orderer1 is killed: its endpoint goes away, orderer2 wins the election (the recordings after the kill)
        orderers.get(0).close();
        orderers.get(1).metrics = recording("after-orderer2.prom");
        orderers.get(2).metrics = recording("after-orderer3.prom");
        networks.attached(uri).orElseThrow().poll();

        titles = LensReading.titles(lenses(m));
        assertEquals("■ Detach · leader orderer2.example.com · height 1 · attached", titles.get(0));
        assertEquals("unreachable at " + orderers.get(0).url(), titles.get(1));
        assertEquals("leader · height 1 · active 2/3", titles.get(2));
        assertEquals("follower · leader orderer2.example.com · height 1", titles.get(3));
        assertTrue(titles.stream().noneMatch(t -> List.of("Stop", "Kill", "Isolate", "Heal", "Make leader", "Start").contains(t)), titles.toString());
        List<org.eclipse.lsp4j.InlayHint> hints = new ArrayList<>();
        new LiveInlayHints(networks).hints(m, LspSettings.defaults(), hints);
        assertEquals(List.of(o1 + " ● unreachable", o2 + " ● leader", o3 + " ● follower"),
                hints.stream().map(h -> h.getPosition().getLine() + " " + h.getLabel().getLeft()).toList(), "no term: Fabric's metrics have none");
        List<Diagnostic> ds = diagnostics(m);
        List<String> first = on(ds, o1);
        assertEquals(1, first.size(), first.toString());
        assertTrue(first.get(0).startsWith("Warning raft-attach-unreachable: orderer1.example.com does not answer on its operations endpoint (since "), first.get(0));
        assertTrue(first.get(0).contains("connection refused at " + orderers.get(0).url()), first.get(0));
        List<String> second = on(ds, o2);
        assertEquals(1, second.size(), second.toString());
        assertTrue(second.get(0).matches("Information raft-attach-leader-changes: mychannel: 2 leader changes seen by orderer2.example.com since"
                + " attaching at \\d\\d:\\d\\d:\\d\\d UTC \\(consensus_etcdraft_leader_changes 1 → 3\\); became leader at \\d\\d:\\d\\d:\\d\\d UTC"
                + " \\(was orderer1.example.com\\)"), second.get(0));
        assertTrue(on(ds, o3).get(0).startsWith("Information raft-attach-leader-changes: mychannel: 2 leader changes seen by orderer3"), ds.toString());
        assertEquals(List.of(), on(ds, doc.cursor().getLine()), "2 of 3 answer, the leader sees 2 active: quorum holds");
        assertTrue(networks.attached(uri).get().events().contains("orderer2.example.com mychannel: became leader"));

        // orderer3 stops answering as well: a majority of the consenter set is out of sight
        orderers.get(2).close();
        networks.attached(uri).get().poll();
        assertEquals(List.of("Error raft-attach-quorum-at-risk: quorum at risk — 2 of 3 orderers do not answer on their operations"
                + " endpoint (a majority is 2)"), on(diagnostics(m), doc.cursor().getLine()));

        // the file is edited while attached: a consenter added since is shown as not followed, not as a problem
        String edited = m.text().replace("      - Host: orderer3.example.com\n        Port: 9050\n",
                "      - Host: orderer3.example.com\n        Port: 9050\n        ClientTLSCert: x\n        ServerTLSCert: x\n"
                        + "      - Host: orderer4.example.com\n        Port: 10050\n");
        DocumentModel m2 = DocumentModel.build(uri, 2, edited);
        open.put(uri, m2);
        List<String> afterEdit = LensReading.titles(lenses(m2));
        assertEquals("not followed (added since attaching; attach again)", afterEdit.get(afterEdit.size() - 1), afterEdit.toString());

        assertEquals(Map.of("detached", true), execute(LiveCommands.DETACH, Map.of("uri", uri)));
        assertEquals(List.of("▶ Launch network (3 consenters · mychannel)", "⇄ Attach to running network"), LensReading.titles(lenses(m)));
        assertEquals(List.of(), diagnostics(m));
        assertFalse(networks.statuses(uri).get(0).running());
    }

    @Test
    void aRealFabricOrdererWithoutEtcdraftAndConsentersWithoutAnEndpoint() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        DocumentModel m = doc.model();
        Orderer fabric14 = new Orderer();
        fabric14.metrics = recording("yeasy-fabric-1.4-orderer.prom");
        orderers.add(fabric14);
        networks();
        List<Exposition.Sample> samples = Exposition.parse(fabric14.metrics);
        assertEquals(3.37268736e+08, samples.stream().filter(s -> s.name().equals("process_virtual_memory_bytes")).findFirst().orElseThrow().value());
        assertEquals(5, samples.size(), "three buckets and two process gauges; the '...' elision is no sample");

        Map<String, Object> r = executeOk(LiveCommands.ATTACH, Map.of("uri", m.uri(), "interval", "1h",
                "endpoints", Map.of("orderer1.example.com:7050", fabric14.url())));
        assertEquals(1L, r.get("reachable"));
        assertEquals(List.of(), r.get("channels"));
        OrdererStatus polled = networks.attached(m.uri()).get().statuses().get("orderer1.example.com:7050");
        assertTrue(polled.reachable() && polled.channels().isEmpty() && "OK".equals(polled.health()));
        List<String> titles = LensReading.titles(lenses(m));
        assertEquals(List.of("■ Detach · no channel reported yet · attached", "reachable · no etcdraft channel in its metrics",
                "no operations endpoint (see the problem on this line)", "no operations endpoint (see the problem on this line)"), titles);
        List<Diagnostic> ds = diagnostics(m);
        List<String> o2 = on(ds, lineOf(m, "Host: orderer2.example.com"));
        assertEquals(List.of("Warning raft-attach-no-endpoint: no operations endpoint for orderer2.example.com:8050: no raftlens.attach.endpoints"
                + " entry, no " + dir.toAbsolutePath().resolve("orderer2.example.com/orderer.yaml")
                + ", and no orderer.yaml beside configtx.yaml; add \"orderer2.example.com:8050\": \"http://HOST:PORT\" (the orderer's"
                + " Operations.ListenAddress) to raftlens.attach.endpoints"), o2);
        assertTrue(ds.stream().allMatch(d -> d.getSeverity() != DiagnosticSeverity.Error), ds.toString());
    }

    /**
     * An operations endpoint with TLS, found through the orderer's own orderer.yaml ({@code <Host>/orderer.yaml}):
     * https, trusting its {@code Operations.TLS.Certificate} — the sample's cryptogen-made orderer1 TLS certificate,
     * which names 127.0.0.1 — served by a real TLS server on 127.0.0.1.
     */
    @Test
    void anHttpsEndpointFromTheOrderersOwnOrdererYamlIsTrustedByItsCertificate() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        Path tls = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(tls.resolve("samples/three-orderers"))) {
            tls = tls.getParent();
        }
        tls = tls.resolve("samples/three-orderers/crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/tls");
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("ops", io.raftlens.raft.transport.Pem.readPrivateKey(tls.resolve("server.key")), new char[0],
                io.raftlens.raft.transport.Pem.readCertificates(tls.resolve("server.crt")).toArray(new java.security.cert.X509Certificate[0]));
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl));
        String leader = recording("before-orderer1.prom");
        https.createContext("/metrics", x -> Orderer.answer(x, 200, leader));
        https.createContext("/healthz", x -> Orderer.answer(x, 200, "{\"status\":\"OK\"}"));
        https.start();
        try {
            Path own = Files.createDirectories(dir.resolve("orderer1.example.com"));
            Files.writeString(own.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 127.0.0.1:" + https.getAddress().getPort()
                    + "\n  TLS:\n    Enabled: true\n    Certificate: " + tls.resolve("server.crt") + "\n    PrivateKey: "
                    + tls.resolve("server.key") + "\n");
            networks();
            Map<String, Object> r = executeOk(LiveCommands.ATTACH, Map.of("uri", doc.model().uri(), "interval", "1h"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> endpoints = (Map<String, Map<String, String>>) r.get("endpoints");
            assertEquals("https://127.0.0.1:" + https.getAddress().getPort(), endpoints.get("orderer1.example.com:7050").get("url"));
            assertEquals(own.resolve("orderer.yaml").toString(), endpoints.get("orderer1.example.com:7050").get("from"));
            assertEquals(1L, r.get("reachable"));
            assertEquals("leader · height 1 · active 3/3", LensReading.statuses(lenses(doc.model())).get(0));
        } finally {
            https.stop(0);
        }
    }

    @Test
    void attachingWithoutAnyEndpointOrWithBadArgumentsIsAClearError() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        String uri = doc.model().uri();
        networks();
        assertEquals(Map.of("error", "cannot attach to ChannelUsingRaft: no operations endpoint for orderer1.example.com:7050: no"
                + " raftlens.attach.endpoints entry, no " + dir.toAbsolutePath().resolve("orderer1.example.com/orderer.yaml")
                + ", and no orderer.yaml beside configtx.yaml; add \"orderer1.example.com:7050\": \"http://HOST:PORT\" (the"
                + " orderer's Operations.ListenAddress) to raftlens.attach.endpoints (and the same for 2 more consenters);"
                + " raftlens.attach.endpoints: \"orderer9.example.com\" is not a consenter of the profile (consenters:"
                + " orderer1.example.com:7050, orderer2.example.com:8050, orderer3.example.com:9050)"),
                execute(LiveCommands.ATTACH, Map.of("uri", uri, "endpoints", Map.of("orderer9.example.com", "http://127.0.0.1:1"))));
        assertEquals(Map.of("error", "raftlens.attachNetwork: \"interval\" time: invalid duration \"often\" (e.g. \"2s\", \"500ms\")"),
                execute(LiveCommands.ATTACH, Map.of("uri", uri, "interval", "often", "endpoints", Map.of("orderer1.example.com", "http://127.0.0.1:1"))));
        assertEquals(Map.of("error", "raftlens.attachNetwork: \"endpoints\" must be an object of strings, e.g."
                        + " {\"orderer1.example.com:7050\": \"http://127.0.0.1:9443\"}, got [\"http://127.0.0.1:1\"]"),
                execute(LiveCommands.ATTACH, Map.of("uri", uri, "endpoints", List.of("http://127.0.0.1:1"))));
        assertEquals(Map.of("detached", false), execute(LiveCommands.DETACH, Map.of("uri", uri)));
    }

    /**
     * Orderers that accept a connection and never answer (a server socket on 127.0.0.1 nobody reads from): attaching
     * waits for them on its own thread, so another command, the lenses and the diagnostics answer at once; the attach
     * answer comes when the poll's timeout (3 s) has passed, and says nobody answered.
     */
    @Test
    void aBlackholedEndpointDoesNotHoldUpOtherCommands() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        String uri = doc.model().uri();
        networks();
        try (java.net.ServerSocket blackhole = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + blackhole.getLocalPort();
            long t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<Object> attaching = commands.execute(LiveCommands.ATTACH, List.of(Map.of("uri", uri,
                    "interval", "1h", "endpoints", Map.of("orderer1.example.com", url, "orderer2.example.com", url, "orderer3.example.com", url))));
            assertEquals(Map.of("stopped", false), execute(LiveCommands.STOP, Map.of("uri", "file:///elsewhere/configtx.yaml")));
            long otherMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(otherMs < 1500, "another command waited " + otherMs + " ms behind the attach");
            assertFalse(attaching.isDone(), "the attach answers after the first poll, which is still waiting");
            assertEquals("waiting for the first answer from " + url, LensReading.titles(lenses(doc.model())).get(1));
            assertEquals(List.of(), diagnostics(doc.model()));

            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) attaching.get(30, TimeUnit.SECONDS);
            long attachMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(attachMs >= 2500, "the first poll gave up after " + attachMs + " ms, before its 3 s timeout");
            assertEquals(0L, r.get("reachable"));
            assertEquals("unreachable at " + url, LensReading.titles(lenses(doc.model())).get(1));
            List<String> o1 = on(diagnostics(doc.model()), lineOf(doc.model(), "Host: orderer1.example.com"));
            assertTrue(o1.get(0).startsWith("Warning raft-attach-unreachable: orderer1.example.com does not answer on its operations endpoint")
                    && o1.get(0).endsWith("no answer from " + url + " within 3 s"), o1.toString());
        }
    }

    /**
     * A channel participation API per orderer (plain http here; the mutual-TLS path is AttachParticipationTest's) answering
     * Fabric's JSON (types.ChannelList, types.ChannelInfo field for field): orderer1 a consenter and active, orderer2
     * joined as a follower and still onboarding, orderer3 inactive. Each is said on its consenter line.
     */
    @Test
    void participationStatesOtherThanActiveConsenterAreDiagnosedOnTheirConsenters() throws Exception {
        FabricAssert.Doc doc = threeOrderers();
        DocumentModel m = doc.model();
        String[][] parts = {{"consenter", "active", "1"}, {"follower", "onboarding", "0"}, {"consenter", "inactive", "1"}};
        Map<String, Object> endpoints = new LinkedHashMap<>();
        Map<String, Object> admin = new LinkedHashMap<>();
        List<HttpServer> apis = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                Orderer o = new Orderer();
                o.metrics = recording("before-orderer" + i + ".prom");
                orderers.add(o);
                endpoints.put("orderer" + i + ".example.com", o.url());
                HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                String[] p = parts[i - 1];
                api.createContext("/participation/v1/channels", x -> Orderer.answer(x, 200, x.getRequestURI().getPath().endsWith("/mychannel")
                        ? "{\"name\":\"mychannel\",\"url\":\"/participation/v1/channels/mychannel\",\"consensusRelation\":\"" + p[0]
                        + "\",\"status\":\"" + p[1] + "\",\"height\":" + p[2] + "}"
                        : "{\"systemChannel\":null,\"channels\":[{\"name\":\"mychannel\",\"url\":\"/participation/v1/channels/mychannel\"}]}"));
                api.start();
                apis.add(api);
                admin.put("orderer" + i + ".example.com", "http://127.0.0.1:" + api.getAddress().getPort());
            }
            networks();
            Map<String, Object> r = executeOk(LiveCommands.ATTACH, Map.of("uri", m.uri(), "interval", "1h", "endpoints", endpoints, "admin", admin));
            assertEquals(3L, r.get("adminReachable"));
            List<Diagnostic> ds = diagnostics(m);
            assertEquals(List.of(), on(ds, lineOf(m, "Host: orderer1.example.com")));
            assertEquals(List.of("Warning raft-attach-not-consenter: orderer2.example.com is a follower of mychannel, not a consenter: the"
                    + " running channel's config does not list it in its consenter set, though this profile does (a channel config update"
                    + " adds it)", "Information raft-attach-onboarding: orderer2.example.com is onboarding mychannel: still pulling the"
                    + " channel's blocks (height 0); it takes part once it has caught up"), on(ds, lineOf(m, "Host: orderer2.example.com")));
            assertEquals(List.of("Warning raft-attach-inactive: orderer3.example.com is inactive on mychannel (consenter, height 1): it"
                    + " stores no blocks for the channel (being removed?)"), on(ds, lineOf(m, "Host: orderer3.example.com")));
            List<String> titles = LensReading.titles(lenses(m));
            assertEquals(List.of("leader · height 1 · active 3/3 · consenter, active",
                    "follower · leader orderer1.example.com · height 0 · follower, onboarding",
                    "follower · leader orderer1.example.com · height 1 · consenter, inactive"), titles.subList(1, 4));
        } finally {
            apis.forEach(a -> a.stop(0));
        }
    }
}
