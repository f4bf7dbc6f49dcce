package io.raftlens.lsp.features.actions;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.diagnostics;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.te;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.lsp.features.FabricAssert;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class CodeActionTest {

    static final String CONSENTERS = lines(
            "Orderer:",
            "  OrdererType: etcdraft",
            "  EtcdRaft:",
            "    Consenters:",
            "      - {Host: o1.example.com, Port: 7050, ClientTLSCert: c.pem, ServerTLSCert: c.pem}");

    /** "title: edits" for the fixes of the diagnostics with this code. */
    private static List<String> fixes(String text, String code) {
        FabricAssert.Doc doc = doc(text);
        List<Diagnostic> ds = diagnostics(doc).stream().filter(d -> d.getCode().getLeft().equals(code)).toList();
        List<CodeAction> actions = SERVICE.codeActions(doc.model(), ds, NEVER);
        return actions.stream().map(a -> a.getTitle() + ": " + show(a.getEdit().getChanges().get(doc.model().uri()))).toList();
    }

    private static String show(List<TextEdit> edits) {
        return edits.stream().map(e -> e.getRange().getStart().getLine() + ":" + e.getRange().getStart().getCharacter() + "-"
                + e.getRange().getEnd().getLine() + ":" + e.getRange().getEnd().getCharacter() + " "
                + e.getNewText().replace("\n", "\\n")).reduce((a, b) -> a + " | " + b).orElse("");
    }

    @Test
    void unknownKeyDidYouMeanAndRemove() {
        assertEquals(List.of(
                "Change 'BatchTimeOt' to 'BatchTimeout': 2:2-2:13 BatchTimeout",
                "Remove key 'BatchTimeOt': 2:0-3:0 "),
                fixes(lines("Orderer:", "  OrdererType: etcdraft", "  BatchTimeOt: 2s", "  BatchSize:", "    MaxMessageCount: 10"), "VAL001"));
    }

    @Test
    void removeADuplicateKeyWithItsNestedValue() {
        assertEquals(List.of("Remove duplicate key 'BatchSize': 4:0-6:0 "), fixes(lines(
                "Orderer:",
                "  BatchSize:",
                "    MaxMessageCount: 10",
                "  BatchTimeout: 2s",
                "  BatchSize:",
                "    MaxMessageCount: 20"), "YAML002"));
    }

    @Test
    void durationWithoutAUnit() {
        assertEquals(List.of("Write 2s: 1:16-1:17 2s", "Write 2ms: 1:16-1:17 2ms"),
                fixes(lines("Orderer:", "  BatchTimeout: 2"), "VAL008"));
    }

    @Test
    void raiseElectionTickToTenTimesHeartbeatTick() {
        assertEquals(List.of("Set ElectionTick to 30 (10 × HeartbeatTick): 6:20-6:21 30"), fixes(CONSENTERS + lines(
                "    Options:",
                "      ElectionTick: 3",
                "      HeartbeatTick: 3"), "RAFT001"));
    }

    @Test
    void insertElectionTickWhenOnlyTheDefaultIsTooLow() {
        assertEquals(List.of("Set ElectionTick to 200 (10 × HeartbeatTick): 8:0-8:0       ElectionTick: 200\\n"),
                fixes(CONSENTERS + lines(
                "    Options:",
                "      TickInterval: 10ms",
                "      HeartbeatTick: 20"), "RAFT001"));
    }

    @Test
    void addTheMissingOrganizationPolicyOnItsMspId() {
        assertEquals(List.of("Add the Admins policy (Signature \"OR('Org1MSP.admin')\"): 8:0-8:0       Admins:\\n        Type: "
                + "Signature\\n        Rule: \"OR('Org1MSP.admin')\"\\n"), fixes(lines(
                "Organizations:",
                "  - &Org1",
                "    Name: Org1",
                "    ID: Org1MSP",
                "    MSPDir: msp",
                "    Policies:",
                "      Readers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}",
                "      Writers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}",
                "    OrdererEndpoints: [o1.example.com:7050]"), "CTX012"));
    }

    @Test
    void addTheMissingChannelPolicyAsImplicitMeta() {
        List<String> fixes = fixes(lines(
                "Profiles:",
                "  P:",
                "    Policies:",
                "      Readers:",
                "        Type: ImplicitMeta",
                "        Rule: \"ANY Readers\"",
                "      Writers: {Type: ImplicitMeta, Rule: \"ANY Writers\"}",
                "    Capabilities: {V3_0: true}"), "CTX012");
        assertEquals(List.of("Add the Admins policy (ImplicitMeta \"MAJORITY Admins\"): 7:0-7:0       Admins:\\n        Type: "
                + "ImplicitMeta\\n        Rule: \"MAJORITY Admins\"\\n"), fixes);
    }

    @Test
    void aNumberWhereABooleanBelongs() {
        assertEquals(List.of("Write true: 2:10-2:11 true"), fixes(lines(
                "Capabilities:",
                "  Channel:",
                "    V3_0: 1"), "VAL006"));
    }

    @Test
    void tabsBecomeSpaces() {
        assertEquals(List.of("Replace tabs with spaces: 1:0-1:1   "), fixes("Orderer:\n\tBatchTimeout: 2s\n", "YAML001"));
    }

    @Test
    void theEditsApplyToTheClientsDiagnosticOnly() {
        FabricAssert.Doc doc = doc(lines("Orderer:", "  BatchTimeOt: 2s"));
        Diagnostic foreign = new Diagnostic(FabricAssert.r(1, 2, 1, 13), "from another server", null, "yaml", "VAL001");
        assertEquals(List.of(), SERVICE.codeActions(doc.model(), List.of(foreign), NEVER));
        assertEquals(Map.of(), Map.of());
    }
}
