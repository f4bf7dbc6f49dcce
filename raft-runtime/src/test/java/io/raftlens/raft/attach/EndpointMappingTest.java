package io.raftlens.raft.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which operations endpoint stands for which consenter: explicit entries, a consenter's own orderer.yaml, the shared one. */
class EndpointMappingTest {

    @TempDir
    Path dir;

    private static final List<EndpointMapping.Consenter> THREE = List.of(
            new EndpointMapping.Consenter(1, "orderer1.example.com", 7050),
            new EndpointMapping.Consenter(2, "orderer2.example.com", 8050),
            new EndpointMapping.Consenter(3, "orderer3.example.com", 9050));

    private static List<String> urls(EndpointMapping.Result r) {
        return r.endpoints().stream().map(e -> e.consenter().host() + "=" + e.url()).toList();
    }

    @Test
    void theOrdererYamlBesideTheConfigtxMapsEveryConsenterAsTheLaunchBindsThem() throws Exception {
        Files.writeString(dir.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 0.0.0.0:8443\n  TLS:\n    Enabled: false\n");
        EndpointMapping.Result r = EndpointMapping.resolve(dir.resolve("configtx.yaml"), THREE, Map.of(), "--ops");
        assertEquals(List.of("orderer1.example.com=http://127.0.0.1:8443", "orderer2.example.com=http://127.0.0.1:8444",
                "orderer3.example.com=http://127.0.0.1:8445"), urls(r));
        assertEquals(List.of(), r.missing());
        assertTrue(r.endpoints().get(2).source().endsWith("orderer.yaml (Operations.ListenAddress port + 2, as raftlens launch binds it)"),
                r.endpoints().get(2).source());
    }

    @Test
    void aConsentersOwnOrdererYamlAndExplicitEntriesComeFirst() throws Exception {
        Files.writeString(dir.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 127.0.0.1:8443\n");
        Path own = Files.createDirectories(dir.resolve("orderer2.example.com"));
        Files.writeString(own.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 0.0.0.0:9443\n  TLS:\n    Enabled: true\n"
                + "    Certificate: tls/server.crt\n    ClientAuthRequired: true\n");
        EndpointMapping.Result r = EndpointMapping.resolve(dir.resolve("configtx.yaml"), THREE,
                Map.of("ORDERER3.example.com:9050", "http://10.0.0.3:9443/"), "raftlens.attach.endpoints");
        assertEquals(List.of("orderer1.example.com=http://127.0.0.1:8443", "orderer2.example.com=https://orderer2.example.com:9443",
                "orderer3.example.com=http://10.0.0.3:9443"), urls(r));
        EndpointMapping.Endpoint second = r.endpoints().get(1);
        assertEquals(own.resolve("tls/server.crt"), second.trust(), "Operations.TLS.Certificate, against the orderer.yaml's folder");
        assertTrue(second.clientAuthRequired());
        assertNull(r.endpoints().get(2).trust());
        assertEquals("raftlens.attach.endpoints", r.endpoints().get(2).source());
    }

    @Test
    void whatIsMissingSaysWhatWasLookedForAndHowToAddIt() {
        EndpointMapping.Result r = EndpointMapping.resolve(dir.resolve("configtx.yaml"), THREE,
                Map.of("orderer1.example.com", "127.0.0.1:9443", "orderer7.example.com", "http://x:1"), "--ops");
        assertEquals(List.of(), r.endpoints());
        assertEquals(3, r.missing().size());
        assertEquals("its --ops entry is not a URL", r.missing().get(0).why());
        assertEquals("no operations endpoint for orderer2.example.com:8050: no --ops entry, no " + dir.toAbsolutePath()
                + "/orderer2.example.com/orderer.yaml, and no orderer.yaml beside configtx.yaml; add --ops"
                + " orderer2.example.com=http://HOST:PORT (the orderer's Operations.ListenAddress)", r.missing().get(1).why());
        assertEquals(List.of("--ops: \"orderer7.example.com\" is not a consenter of the profile (consenters: orderer1.example.com:7050,"
                + " orderer2.example.com:8050, orderer3.example.com:9050)",
                "--ops: \"orderer1.example.com:7050\": \"127.0.0.1:9443\" is not an http:// or https:// URL (e.g. http://127.0.0.1:9443)"),
                r.problems());
    }

    /**
     * The channel participation API from orderer.yaml's Admin section: launch-style port + index beside the configtx.yaml,
     * https trusting General.TLS.RootCAs (Admin.TLS has no RootCAs; every node's certificate chains to the TLS CA), a
     * consenter's own orderer.yaml, and the setting first.
     */
    @Test
    void adminEndpointsComeFromTheAdminSectionTrustingTheOrderersTlsCa() throws Exception {
        Files.writeString(dir.resolve("orderer.yaml"), "General:\n  TLS:\n    Enabled: true\n    RootCAs:\n      - tls/ca.crt\n"
                + "Operations:\n  ListenAddress: 127.0.0.1:8443\nAdmin:\n  ListenAddress: 127.0.0.1:9443\n  TLS:\n    Enabled: true\n"
                + "    Certificate: tls/server.crt\n    ClientAuthRequired: true\n");
        Path own = Files.createDirectories(dir.resolve("orderer2.example.com"));
        Files.writeString(own.resolve("orderer.yaml"), "Admin:\n  ListenAddress: 0.0.0.0:7053\n  TLS:\n    Enabled: true\n"
                + "    Certificate: tls/server.crt\n    ClientAuthRequired: true\n");
        EndpointMapping.Result r = EndpointMapping.resolveAdmin(dir.resolve("configtx.yaml"), THREE,
                Map.of("orderer3.example.com", "https://10.0.0.3:7053"), "raftlens.attach.admin");
        assertEquals(List.of("orderer1.example.com=https://127.0.0.1:9443", "orderer2.example.com=https://orderer2.example.com:7053",
                "orderer3.example.com=https://10.0.0.3:7053"), urls(r));
        assertEquals(dir.resolve("tls/ca.crt"), r.endpoints().get(0).trust(), "General.TLS.RootCAs");
        assertEquals(own.resolve("tls/server.crt"), r.endpoints().get(1).trust(), "no RootCAs there: Admin.TLS.Certificate");
        assertTrue(r.endpoints().get(0).clientAuthRequired());
        assertTrue(r.endpoints().get(0).source().endsWith("orderer.yaml (Admin.ListenAddress port + 0, as raftlens launch binds it)"));
        assertEquals(List.of(), r.missing());

        EndpointMapping.Result none = EndpointMapping.resolveAdmin(dir.resolve("elsewhere/configtx.yaml"), THREE.subList(0, 1), Map.of(), "--admin");
        assertEquals("no channel participation API for orderer1.example.com:7050: no --admin entry, no "
                + dir.resolve("elsewhere/orderer1.example.com/orderer.yaml") + ", and no orderer.yaml beside configtx.yaml; add --admin"
                + " orderer1.example.com=https://HOST:PORT (the orderer's Admin.ListenAddress)", none.missing().get(0).why());
    }
}
