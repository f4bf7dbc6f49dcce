package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NodeState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach reads the channel participation API of a real launched RaftLens network: samples/three-orderers launched
 * from one copy of its configtx.yaml (consenters on free loopback ports; operations and admin endpoints ephemeral, the
 * admin ones with mutual TLS as Fabric requires), attached from a second copy with each orderer's operations and admin
 * URLs, the sample's TLS CA and its Admin@example.com TLS client certificate (cryptogen's output). Polls are driven by
 * the test. What is asserted is what the user sees: the lenses and the {@code raft} diagnostics.
 */
@Timeout(90)
class AttachParticipationTest {

    @TempDir
    Path dir;

    private final Map<String, DocumentModel> open = new LinkedHashMap<>();
    private LiveNetworks networks;
    private LiveCommands commands;

    private static Path sample() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("samples/three-orderers"))) {
            p = p.getParent();
        }
        return p.resolve("samples/three-orderers");
    }

    private static final Path ORG = sample().resolve("crypto/ordererOrganizations/example.com");
    private static final Path TLS_CA = ORG.resolve("tlsca/tlsca.example.com-cert.pem");
    private static final Path ADMIN_TLS = ORG.resolve("users/Admin@example.com/tls");

    /** The sample's configtx.yaml in {@code folder}, consenters on {@code ports}, crypto paths absolute. */
    private DocumentModel copy(String folder, int[] ports) throws IOException {
        String text = Files.readString(sample().resolve("configtx.yaml"));
        int[] documented = {7050, 8050, 9050};
        for (int i = 0; i < documented.length; i++) {
            text = text.replace("Port: " + documented[i] + "\n", "Port: " + ports[i] + "\n");
        }
        text = text.replace(" crypto/", " " + sample().resolve("crypto") + "/");
        Path file = Files.createDirectories(dir.resolve(folder)).resolve("configtx.yaml");
        Files.writeString(file, text);
        DocumentModel m = FabricAssert.doc(text, file.toString()).model();
        open.put(m.uri(), m);
        return m;
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private void networks() {
        networks = new LiveNetworks(new HeadlessEditor(open), dir.resolve("data"));
        commands = new LiveCommands(networks);
    }

    @AfterEach
    void stop() {
        if (commands != null) {
            commands.close();
            networks.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> executeOk(String command, Map<String, Object> argument) throws Exception {
        Map<String, Object> r = (Map<String, Object>) commands.execute(command, List.of(argument)).get(30, TimeUnit.SECONDS);
        assertFalse(r.containsKey("error"), () -> command + " failed: " + r.get("error"));
        return r;
    }

    private List<String> lensTitles(DocumentModel m) {
        List<CodeLens> out = new ArrayList<>();
        new LiveLenses(networks).lenses(m, out, FabricAssert.NEVER);
        return LensReading.titles(out);
    }

    private List<String> participationDiagnostics(DocumentModel m, int line) {
        List<Diagnostic> out = new ArrayList<>();
        new AttachDiagnostics(networks).collect(m, LspSettings.defaults(), out, FabricAssert.NEVER);
        return out.stream().filter(d -> d.getRange().getStart().getLine() == line)
                .filter(d -> !d.getCode().getLeft().equals(AttachDiagnostics.LEADER_CHANGES))
                .map(d -> d.getSeverity() + " " + d.getCode().getLeft() + ": " + d.getMessage().getLeft()).toList();
    }

    private static int lineOf(DocumentModel m, String needle) {
        return (int) m.text().substring(0, m.text().indexOf(needle)).chars().filter(c -> c == '\n').count();
    }

    @Test
    void readsEachConsentersChannelsOverMutualTlsAndSeesOneLeaveTheChannel() throws Exception {
        int[] ports = freePorts(3);
        DocumentModel launched = copy("launched", ports);
        DocumentModel attached = copy("attached", ports);
        networks();
        executeOk(LiveCommands.LAUNCH, Map.of("uri", launched.uri(), "tick", "100ms", "opsBasePort", 0));
        LocalNetwork net = networks.network(launched.uri()).orElseThrow().network();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (net.snapshot().leader("mychannel").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no leader elected in the launched network");
            Thread.sleep(50);
        }
        Map<String, Object> ops = new LinkedHashMap<>();
        Map<String, Object> admin = new LinkedHashMap<>();
        for (NodeState n : net.snapshot().nodes()) {
            ops.put(n.host(), "http://127.0.0.1:" + net.opsPort(n.id().value()));
            admin.put(n.host(), "https://" + n.adminAddress());
        }
        int o1 = lineOf(attached, "Host: orderer1.example.com");
        int o3 = lineOf(attached, "Host: orderer3.example.com");

        // without a client certificate the admin endpoints refuse the TLS handshake: said on each consenter, with the fix
        Map<String, Object> anonymous = executeOk(LiveCommands.ATTACH, Map.of("uri", attached.uri(), "interval", "1h",
                "endpoints", ops, "admin", admin, "caFile", TLS_CA.toString()));
        assertEquals(3L, anonymous.get("reachable"));
        assertEquals(0L, anonymous.get("adminReachable"));
        List<String> refused = participationDiagnostics(attached, o1);
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("Warning raft-attach-admin-unreachable: orderer1.example.com does not answer on its"
                + " channel participation API: the TLS handshake with " + admin.get("orderer1.example.com") + " failed ("), refused.get(0));
        assertTrue(refused.get(0).endsWith("requires a client certificate (Admin.TLS.ClientAuthRequired, always on with Admin.TLS in"
                + " Fabric); " + AttachedNetwork.CERT_HINT), refused.get(0));

        // with the Admin user's TLS client certificate: channel, relation, status and height on every consenter line
        Map<String, Object> r = executeOk(LiveCommands.ATTACH, Map.of("uri", attached.uri(), "interval", "1h",
                "endpoints", ops, "admin", admin, "caFile", TLS_CA.toString(),
                "certFile", ADMIN_TLS.resolve("client.crt").toString(), "keyFile", ADMIN_TLS.resolve("client.key").toString()));
        assertEquals(3L, r.get("adminReachable"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> adminOut = (Map<String, Map<String, String>>) r.get("admin");
        assertEquals(Map.of("url", admin.get("orderer3.example.com"), "from", LiveAttach.ADMIN_SETTING),
                adminOut.get("orderer3.example.com:" + ports[2]));
        List<String> titles = lensTitles(attached);
        assertEquals(4, titles.size(), titles.toString());
        for (String t : titles.subList(1, 4)) {
            assertTrue(t.matches("(leader|follower · leader orderer\\d\\.example\\.com) · height 1( · active 3/3)? · consenter, active"), t);
        }
        assertEquals(List.of(), participationDiagnostics(attached, o3));

        // orderer3 leaves the channel (osnadmin channel remove: DELETE over the same mutual TLS)
        HttpClient http = HttpClient.newBuilder().sslContext(OperationsClient.sslContext(TLS_CA, ADMIN_TLS.resolve("client.crt"),
                ADMIN_TLS.resolve("client.key"))).build();
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(admin.get("orderer3.example.com")
                + "/participation/v1/channels/mychannel")).timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, removed.statusCode(), removed.body());
        AttachedNetwork a = networks.attached(attached.uri()).orElseThrow();
        a.poll();
        assertEquals(List.of("Warning raft-attach-not-joined: orderer3.example.com has not joined mychannel (its channel participation"
                + " API lists no channel); join it with osnadmin channel join --channelID mychannel --config-block <the channel's"
                + " genesis or latest config block> -o " + admin.get("orderer3.example.com").toString().substring("https://".length())),
                participationDiagnostics(attached, o3));
        assertEquals("not joined", lensTitles(attached).get(3));
        assertTrue(a.events().contains("orderer3.example.com mychannel: consenter, active → not joined"), a.events().toString());
        assertEquals(List.of(), participationDiagnostics(attached, o1));
        assertEquals(java.util.Arrays.asList("consenter, active", "consenter, active", "not joined"), networks.statuses(attached.uri())
                .get(0).nodes().stream().map(NetworkStatus.Node::participation).toList(), "the tree's raftlens/networkStatus");

        executeOk(LiveCommands.DETACH, Map.of("uri", attached.uri()));
        executeOk(LiveCommands.STOP, Map.of("uri", launched.uri()));
    }
}
