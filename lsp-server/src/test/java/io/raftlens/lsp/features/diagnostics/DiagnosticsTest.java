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

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    static final String CONFIGTX = "/work/test/configtx.yaml";

    @Test
    void unknownKeyWithExactRangeCodeAndMessage() {
        testDiagnosticsFor(lines(
                "Orderer:",
                "  OrdererType: etcdraft",
                "  BatchTimeOt: 2s"), CONFIGTX,
                d(2, 2, 2, 13, "VAL001", "unknown key \"BatchTimeOt\" in Orderer; Fabric fails with "
                        + "\"'Orderer' has invalid keys: BatchTimeOt\". Did you mean BatchTimeout?"));
    }

    @Test
    void duplicateKeyPointsAtTheFirstDefinition() {
        FabricAssert.Doc doc = doc(lines(
                "Orderer:",
                "  BatchTimeout: 2s",
                "  BatchTimeout: 3s"), CONFIGTX);
        List<Diagnostic> ds = diagnostics(doc);
        Diagnostic dup = ds.stream().filter(x -> x.getCode().getLeft().equals("YAML002")).findFirst().orElseThrow();
        assertEquals(d(2, 2, 2, 14, "YAML002", "mapping key \"BatchTimeout\" already defined at line 2"), show(dup));
        assertEquals(DiagnosticSeverity.Error, dup.getSeverity());
        assertEquals("raftlens", dup.getSource());
        DiagnosticRelatedInformation related = dup.getRelatedInformation().get(0);
        assertEquals(r(1, 2, 1, 14), related.getLocation().getRange());
        assertEquals(doc.model().uri(), related.getLocation().getUri());
        assertEquals("first defined here", related.getMessage());
    }

    @Test
    void electionTickNotAboveHeartbeatTick() {
        List<Diagnostic> ds = diagnostics(doc(lines(
                "# raftlens: configtx",
                "Orderer:",
                "  OrdererType: etcdraft",
                "  EtcdRaft:",
                "    Consenters:",
                "      - {Host: o1.example.com, Port: 7050, ClientTLSCert: c.pem, ServerTLSCert: c.pem}",
                "    Options:",
                "      ElectionTick: 1",
                "      HeartbeatTick: 1"), "/work/test/channel.yaml"));
        assertEquals(List.of(d(7, 20, 7, 21, "RAFT001", "ElectionTick (1, set at line 8) must be greater than "
                + "HeartbeatTick (1): configtxgen panics with \"election tick must be greater than heartbeat tick\" and the orderer "
                + "rejects it with \"ElectionTick (1) must be greater than HeartbeatTick (1)\"")), ds.stream()
                .filter(x -> x.getCode().getLeft().equals("RAFT001")).map(FabricAssert::show).toList());
    }

    @Test
    void disabledRulesAreNotReported() {
        FabricAssert.Doc doc = doc(lines("Orderer:", "  BatchTimeOt: 2s"), CONFIGTX);
        LspSettings settings = new LspSettings(FabricVersion.V3, Set.of("VAL001"), null, true);
        assertEquals(List.of(), SERVICE.diagnostics(doc.model(), settings, NEVER));
    }

    @Test
    void brokenYamlIsReportedOnItsLine() {
        testDiagnosticsFor(lines(
                "Orderer:",
                "  BatchTimeout: 2s",
                "  Batch",
                "  OrdererType: etcdraft"), CONFIGTX,
                d(3, 2, 3, 14, "YAML001", "YAML syntax error: could not find expected ':' (while scanning a simple key at line 3)"));
    }

    @Test
    void otherYamlIsNeverValidated() {
        assertEquals(List.of(), diagnostics(doc(lines("Orderer:", "  BatchTimeOt: 2s"), "/work/test/docker-compose.yaml")));
    }

    @Test
    void theFiveOrdererSampleIsClean() throws Exception {
        java.nio.file.Path sample = java.nio.file.Path.of("../samples/five-orderers/configtx.yaml").toAbsolutePath().normalize();
        List<Diagnostic> ds = diagnostics(doc(java.nio.file.Files.readString(sample), sample.toString()));
        assertTrue(ds.isEmpty(), ds.toString());
    }
}
