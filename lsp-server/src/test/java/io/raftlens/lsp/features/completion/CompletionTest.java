package io.raftlens.lsp.features.completion;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.completion;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.item;
import static io.raftlens.lsp.features.FabricAssert.labels;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.r;
import static io.raftlens.lsp.features.FabricAssert.testCompletionLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class CompletionTest {

    static final String ORDERER = lines(
            "Organizations:",
            "  - &OrdererOrg",
            "    Name: OrdererOrg",
            "    ID: OrdererMSP",
            "  - &Org1",
            "    Name: Org1MSP",
            "    ID: Org1MSP",
            "Orderer: &OrdererDefaults",
            "  OrdererType: etcdraft",
            "  BatchTimeout: 2s",
            "  EtcdRaft:",
            "    Consenters:",
            "      - Host: orderer1.example.com",
            "        Port: 7050",
            "        ClientTLSCert: crypto/orderer1.example.com/tls/server.crt",
            "        ServerTLSCert: crypto/orderer1.example.com/tls/server.crt",
            "      - Host: orderer2.example.com",
            "        Port: 8050",
            "        ClientTLSCert: crypto/orderer2.example.com/tls/server.crt",
            "        ServerTLSCert: crypto/orderer2.example.com/tls/server.crt");

    private static TextEdit edit(CompletionItem item) {
        return item.getTextEdit().getLeft();
    }

    @Test
    void keysOfEtcdRaftOptionsLeaveOutTheOnesWritten() {
        testCompletionLabels(ORDERER + lines(
                "    Options:",
                "      TickInterval: 500ms",
                "      |"),
                "ElectionTick", "HeartbeatTick", "MaxInflightBlocks", "SnapshotIntervalSize");
    }

    @Test
    void keyCompletionReplacesThePrefixWithASnippetOfTheDefault() {
        List<CompletionItem> items = completion(ORDERER + lines(
                "    Options:",
                "      Elec|"));
        CompletionItem election = item(items, "ElectionTick");
        assertEquals(new TextEdit(r(21, 6, 21, 10), "ElectionTick: ${1:10}"), edit(election));
    }

    @Test
    void insideAListOfObjectsTheItemKeysAreOffered() {
        List<String> labels = labels(completion(ORDERER + lines("      - Host: orderer3.example.com", "        |")));
        assertEquals(List.of("Port", "ClientTLSCert", "ServerTLSCert"), labels.subList(0, 3));
        assertFalse(labels.contains("Host"));
    }

    @Test
    void insideAMergedMapInheritedKeysComeLastAsOverrides() {
        List<CompletionItem> items = completion(ORDERER + lines(
                "Profiles:",
                "  Channel1:",
                "    Orderer:",
                "      <<: *OrdererDefaults",
                "      |"));
        CompletionItem batchTimeout = item(items, "BatchTimeout");
        assertTrue(batchTimeout.getDetail().endsWith("overrides the value inherited from &OrdererDefaults, line 8"),
                batchTimeout.getDetail());
        assertTrue(batchTimeout.getSortText().startsWith("1"));
        assertTrue(item(items, "BatchSize").getSortText().startsWith("0"));
    }

    @Test
    void keysInsideAProfile() {
        List<String> labels = labels(completion(ORDERER + lines("Profiles:", "  Channel1:", "    |")));
        assertTrue(labels.containsAll(List.of("Orderer", "Application", "Policies", "Capabilities")), labels.toString());
    }

    @Test
    void keysFabricRejectsAreNeverOffered() {
        String text = ORDERER + lines("  |");
        assertFalse(labels(completion(text)).contains("Kafka"));
        FabricAssert.Doc doc = doc(text);
        LspSettings v25 = new LspSettings(FabricVersion.V2_5, Set.of(), null, true);
        List<String> under25 = labels(SERVICE.completion(doc.model(), doc.cursor(), v25, NEVER).getItems());
        assertTrue(under25.contains("Kafka"));
        assertFalse(under25.contains("SmartBFT"), "SmartBFT arrived with Fabric 3.0");
        assertTrue(labels(completion(text)).contains("SmartBFT"));
    }

    @Test
    void enumValuesOfOrdererType() {
        List<String> labels = labels(completion(lines("Orderer:", "  OrdererType: |")));
        assertTrue(labels.contains("etcdraft"), labels.toString());
        assertTrue(labels.contains("BFT"), labels.toString());
    }

    @Test
    void policyTypeAndImplicitMetaRules() {
        assertTrue(labels(completion(lines("Channel:", "  Policies:", "    Readers:", "      Type: |")))
                .containsAll(List.of("ImplicitMeta", "Signature")));
        List<CompletionItem> rules = completion(lines("Channel:", "  Policies:", "    Readers:", "      Type: ImplicitMeta",
                "      Rule: |"));
        assertEquals(new TextEdit(r(4, 12, 4, 12), "\"ANY Readers\""), edit(item(rules, "\"ANY Readers\"")));
        assertEquals(9, rules.size());
    }

    @Test
    void signatureRulesNameTheOrganizationsMspIds() {
        List<String> labels = labels(completion(lines(
                "Organizations:",
                "  - Name: Org1",
                "    ID: Org1MSP",
                "    Policies:",
                "      Readers:",
                "        Type: Signature",
                "        Rule: |")));
        assertEquals("\"OR('Org1MSP.member')\"", labels.get(0));
    }

    @Test
    void capabilityNamesAndBooleans() {
        List<String> labels = labels(completion(lines("Capabilities:", "  Channel:", "    |")));
        assertTrue(labels.contains("V3_0"), labels.toString());
        assertEquals(List.of("true", "false"), labels(completion(lines("Capabilities:", "  Channel:", "    V3_0: |"))));
    }

    @Test
    void durationsWithUnits() {
        assertEquals(List.of("25ms", "25s", "25m"), labels(completion(ORDERER + lines("    Options:", "      TickInterval: 25|"))));
        List<String> labels = labels(completion(ORDERER + lines("    Options:", "      TickInterval: |")));
        assertEquals("500ms", labels.get(0));
    }

    @Test
    void sizesWithUnits() {
        assertEquals(List.of("16 KB", "16 MB"), labels(completion(ORDERER + lines("    Options:", "      SnapshotIntervalSize: 16|"))));
    }

    @Test
    void anchorNamesAfterAnAliasAndAfterAMergeKey() {
        List<CompletionItem> items = completion(ORDERER + lines("Profiles:", "  P:", "    Orderer:", "      <<: *Ord|"));
        assertEquals(List.of("OrdererOrg", "Org1", "OrdererDefaults"), labels(items));
        assertEquals(new TextEdit(r(23, 11, 23, 14), "OrdererDefaults"), edit(item(items, "OrdererDefaults")));
        assertEquals(List.of("*OrdererOrg", "*Org1", "*OrdererDefaults"),
                labels(completion(ORDERER + lines("Profiles:", "  P:", "    Orderer:", "      <<: |"))));
    }

    @Test
    void newConsenterSnippetUsesTheNextHostPortAndMirroredCertificatePaths() {
        List<CompletionItem> items = completion(ORDERER + lines("      - |"));
        CompletionItem snippet = item(items, "New consenter orderer3.example.com:9050");
        assertEquals(new TextEdit(r(20, 8, 20, 8), "Host: ${1:orderer3.example.com}\n"
                + "        Port: ${2:9050}\n"
                + "        ClientTLSCert: ${3:crypto/orderer3.example.com/tls/server.crt}\n"
                + "        ServerTLSCert: ${4:crypto/orderer3.example.com/tls/server.crt}$0"), edit(snippet));
    }

    @Test
    void newConsenterSnippetOnAnEmptyLineAddsTheDash() {
        CompletionItem snippet = item(completion(ORDERER + lines("      |")), "New consenter orderer3.example.com:9050");
        assertTrue(edit(snippet).getNewText().startsWith("- Host: ${1:orderer3.example.com}\n        Port: ${2:9050}\n"),
                edit(snippet).getNewText());
    }

    @Test
    void newProfileSnippetMergesTheDefaults() {
        CompletionItem snippet = item(completion(ORDERER + lines("Profiles:", "  |")), "New channel profile");
        assertEquals("${1:NewChannelProfile}:\n"
                + "    Orderer:\n"
                + "      <<: *OrdererDefaults\n"
                + "      Organizations:\n"
                + "        - *OrdererOrg\n"
                + "    Application:\n"
                + "      Organizations:\n"
                + "        - *Org1$0", edit(snippet).getNewText());
    }

    @Test
    void optionsBlockWithFabricDefaultsOnlyWhenMissing() {
        CompletionItem snippet = item(completion(ORDERER + lines("    |")), "Options block (Fabric defaults)");
        assertEquals("Options:\n      TickInterval: ${1:500ms}\n      ElectionTick: ${2:10}\n      HeartbeatTick: ${3:1}\n"
                + "      MaxInflightBlocks: ${4:5}\n      SnapshotIntervalSize: ${5:16 MB}$0", edit(snippet).getNewText());
        List<String> labels = labels(completion(ORDERER + lines("    Options:", "      TickInterval: 1s", "    |")));
        assertFalse(labels.contains("Options block (Fabric defaults)"));
        assertFalse(labels.contains("Options"));
        assertFalse(labels.contains("Consenters"));
    }

    @Test
    void halfTypedKeyInBrokenYamlStillCompletes() {
        List<String> labels = labels(completion(lines(
                "Orderer:",
                "  OrdererType: etcdraft",
                "  Batch|",
                "  BatchSize:",
                "    MaxMessageCount: 10")));
        assertTrue(labels.contains("BatchTimeout"), labels.toString());
        assertFalse(labels.contains("BatchSize"));
        assertFalse(labels.contains("OrdererType"));
    }

    @Test
    void eachDocumentOfAMultiDocumentFileHasItsOwnKeys() {
        List<String> labels = labels(completion(lines(
                "Orderer:",
                "  BatchTimeout: 2s",
                "---",
                "Orderer:",
                "  OrdererType: etcdraft",
                "  |")));
        assertTrue(labels.contains("BatchTimeout"), labels.toString());
        assertFalse(labels.contains("OrdererType"));
    }

    @Test
    void ordererYamlKeysAndValues() {
        FabricAssert.Doc general = doc(lines("General:", "  ListenPort: 7050", "  |"), "/work/test/orderer.yaml");
        List<String> keys = labels(SERVICE.completion(general.model(), general.cursor(), LspSettings.defaults(), NEVER).getItems());
        assertTrue(keys.containsAll(List.of("ListenAddress", "TLS", "Cluster")), keys.toString());
        assertFalse(keys.contains("ListenPort"));
        FabricAssert.Doc tls = doc(lines("General:", "  TLS:", "    Enabled: |"), "/work/test/orderer.yaml");
        assertEquals(List.of("true", "false"),
                labels(SERVICE.completion(tls.model(), tls.cursor(), LspSettings.defaults(), NEVER).getItems()));
    }

    @Test
    void otherYamlGetsNothing() {
        FabricAssert.Doc doc = doc(lines("Orderer:", "  |"), "/work/test/values.yaml");
        assertTrue(SERVICE.completion(doc.model(), doc.cursor(), LspSettings.defaults(), NEVER).getItems().isEmpty());
    }

    @Test
    void nothingInAComment() {
        assertTrue(completion(lines("Orderer:", "  # Batch|")).isEmpty());
    }
}
