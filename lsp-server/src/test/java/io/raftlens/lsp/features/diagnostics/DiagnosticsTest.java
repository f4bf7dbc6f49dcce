package io.raftlens.lsp.features.diagnostics;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.d;
import static io.raftlens.lsp.features.FabricAssert.diagnostics;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.r;
import static io.raftlens.lsp.features.FabricAssert.show;
import static io.raftlens.lsp.features.FabricAssert.testDiagnosticsFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.validate.FabricVersion;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    static final String ORDERER_YAML = "/work/test/orderer.yaml";

    @Test
    void unknownOrdererKeyWithExactRangeCodeAndMessage() {
        testDiagnosticsFor(lines(
                "General:",
                "  ListenPrt: 7050"), ORDERER_YAML,
                d(1, 2, 1, 11, "ORD001", "?"));
    }

    @Test
    void duplicateKeyPointsAtTheFirstDefinition() {
        FabricAssert.Doc doc = doc(lines(
                "General:",
                "  ListenPort: 7050",
                "  ListenPort: 7051"), ORDERER_YAML);
        List<Diagnostic> ds = diagnostics(doc);
        Diagnostic dup = ds.stream().filter(x -> x.getCode().getLeft().equals("YAML002")).findFirst().orElseThrow();
        assertEquals(d(2, 2, 2, 12, "YAML002", "?"), show(dup));
        assertEquals(DiagnosticSeverity.Error, dup.getSeverity());
        assertEquals("raftlens", dup.getSource());
        DiagnosticRelatedInformation related = dup.getRelatedInformation().get(0);
        assertEquals(r(1, 2, 1, 12), related.getLocation().getRange());
        assertEquals(doc.model().uri(), related.getLocation().getUri());
        assertEquals("?", related.getMessage());
    }

    @Test
    void electionTickNotAboveHeartbeatTick() {
        testDiagnosticsFor(lines(
                "# raftlens: configtx",
                "Orderer:",
                "  OrdererType: etcdraft",
                "  EtcdRaft:",
                "    Options:",
                "      ElectionTick: 1",
                "      HeartbeatTick: 1"), "/work/test/channel.yaml",
                d(5, 20, 5, 21, "RAFT001", "?"));
    }

    @Test
    void disabledRulesAreNotReported() {
        FabricAssert.Doc doc = doc(lines("General:", "  ListenPrt: 7050"), ORDERER_YAML);
        LspSettings settings = new LspSettings(FabricVersion.V3, Set.of("ORD001"), null, true);
        assertEquals(List.of(), SERVICE.diagnostics(doc.model(), settings, NEVER));
    }

    @Test
    void brokenYamlIsReportedOnItsLine() {
        testDiagnosticsFor(lines(
                "General:",
                "  ListenPort: 7050",
                "  TLS",
                "  Enabled: true"), ORDERER_YAML,
                d(3, 9, 3, 10, "YAML001", "?"));
    }

    @Test
    void otherYamlIsNeverValidated() {
        assertEquals(List.of(), diagnostics(doc(lines("General:", "  ListenPrt: 7050"), "/work/test/docker-compose.yaml")));
    }

    @Test
    void theFiveOrdererSampleIsClean() throws Exception {
        java.nio.file.Path sample = java.nio.file.Path.of("../samples/five-orderers/configtx.yaml").toAbsolutePath().normalize();
        List<Diagnostic> ds = diagnostics(doc(java.nio.file.Files.readString(sample), sample.toString()));
        assertTrue(ds.isEmpty(), ds.toString());
    }
}
