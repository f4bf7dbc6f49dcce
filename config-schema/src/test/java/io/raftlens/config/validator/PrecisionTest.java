package io.raftlens.config.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.report.Summary;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the classes of false findings seen on real repositories, each on a file shaped like the real
 * one (the regression corpus holds the real files themselves).
 */
class PrecisionTest {

    private static final Path CONFIGTX = Path.of("/tmp/raftlens-precision/configtx.yaml");
    private static final Path ORDERER = Path.of("/tmp/raftlens-precision/orderer.yaml");

    /** Policies for the item {@code - <<: *Org1} of a profile's Organizations list (10 spaces in). */
    private static final String ORG1_POLICIES = ""
            + "          Policies:\n"
            + "            Readers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}\n"
            + "            Writers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}\n"
            + "            Admins: {Type: Signature, Rule: \"OR('Org1MSP.admin')\"}\n";

    /** A 2.x channel profile whose only use of &Org1 merges it and adds the Policies it lacks. */
    private static final String MERGED_ORG = """
            Organizations:
              - &Org1
                Name: Org1MSP
                ID: Org1MSP
                MSPDir: msp
            Capabilities:
              Channel: &ChannelCapabilities
                V2_0: true
            Profiles:
              Channel1:
                Consortium: SampleConsortium
                Policies:
                  Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                  Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                  Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                Capabilities: *ChannelCapabilities
                Application:
                  Policies:
                    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                  Organizations:
                    - <<: *Org1
            """ + ORG1_POLICIES;

    private static ValidationResult configtx(String text, ValidationSettings settings) {
        return new ConfigValidator(settings).validate(CONFIGTX, text);
    }

    private static ValidationResult orderer(String text, FabricVersion version) {
        return new ConfigValidator(new ValidationSettings(version, null)).validate(ORDERER, text);
    }

    private static List<Diagnostic> withCode(ValidationResult r, String code) {
        return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    }

    private static String line(Diagnostic d) {
        return d.code() + " " + d.severity().label() + " " + (d.range().start().line() + 1) + ": " + d.message();
    }

    @Test
    void aDefinitionNoProfileEncodesAsItStandsIsOnlyAHint() {
        ValidationResult r = configtx(MERGED_ORG, new ValidationSettings(FabricVersion.V2_5, null));
        List<Diagnostic> ctx012 = withCode(r, "CTX012");
        assertEquals(1, ctx012.size(), () -> r.diagnostics().toString());
        assertEquals(Severity.HINT, ctx012.get(0).severity());
        assertEquals(1, ctx012.get(0).range().start().line(), "at the definition, line 2");
        assertTrue(ctx012.get(0).message().contains("no profile encodes this definition as it stands"), ctx012.get(0).message());
    }

    @Test
    void theSameDefinitionUsedAsItStandsIsAnError() {
        String text = MERGED_ORG.replace("    - <<: *Org1\n" + ORG1_POLICIES, "    - *Org1\n");
        List<Diagnostic> ctx012 = withCode(configtx(text, new ValidationSettings(FabricVersion.V2_5, null)), "CTX012");
        assertEquals(List.of("CTX012 error 2: organization Org1MSP has no Policies: configtxgen fails with \"error adding "
                + "policies to application org group Org1MSP: no policies defined\"; define Readers, Writers and Admins"),
                ctx012.stream().map(PrecisionTest::line).toList());
    }

    @Test
    void organizationsWithoutProfilesAreForPrintOrgAndKeepTheirErrors() {
        String text = "Organizations:\n  - &Org3\n    Name: Org3MSP\n    ID: Org3MSP\n    MSPDir: msp\n";
        List<Diagnostic> ctx012 = withCode(configtx(text, ValidationSettings.defaults()), "CTX012");
        assertEquals(1, ctx012.size());
        assertEquals(Severity.ERROR, ctx012.get(0).severity());
    }

    @Test
    void consortiumMembersAreConsortiumsOrgGroupsInFabricsWords() {
        String text = MERGED_ORG.replace("    Consortium: SampleConsortium\n",
                "    Consortium: SampleConsortium\n    Consortiums:\n      SampleConsortium:\n        Organizations:\n          - *Org1\n");
        List<Diagnostic> ctx012 = withCode(configtx(text, new ValidationSettings(FabricVersion.V2_5, null)), "CTX012");
        assertEquals(1, ctx012.size(), ctx012::toString);
        assertTrue(ctx012.get(0).message().contains("\"error adding policies to consortiums org group 'Org1MSP': no policies defined\""),
                ctx012.get(0).message());
    }

    /** The Fabric 1.0 layout: profiles use anchors defined further down; go-yaml stops at the first alias. */
    @Test
    void nothingFollowsFromAnAliasThatCannotBeResolved() {
        String text = """
                Profiles:
                  TwoOrgsOrdererGenesis:
                    Orderer:
                      <<: *OrdererDefaults
                      Organizations:
                        - *OrdererOrg
                    Consortiums:
                      SampleConsortium:
                        Organizations:
                          - <<: *Org1
                            AnchorPeers: []
                Organizations:
                  - &OrdererOrg
                    Name: OrdererOrg
                    ID: OrdererMSP
                    MSPDir: msp
                  - &Org1
                    Name: Org1MSP
                    ID: Org1MSP
                    MSPDir: msp
                Orderer: &OrdererDefaults
                  OrdererType: etcdraft
                """;
        ValidationResult r = configtx(text, ValidationSettings.defaults());
        assertEquals(3, withCode(r, "YAML004").size(), () -> r.diagnostics().toString());
        assertEquals(List.of(), withCode(r, "YAML005"), "a merge of an unknown anchor is the YAML004 already reported");
        for (Diagnostic d : r.diagnostics()) {
            int line = d.range().start().line() + 1;
            assertFalse(d.severity() == Severity.ERROR && !d.code().equals("YAML004") && line >= 3 && line <= 11,
                    () -> "a cascade of the unknown anchors: " + line(d));
        }
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.message().contains("organization at line")),
                () -> r.diagnostics().toString());
    }

    @Test
    void aValueWrittenNextToAnUnresolvedAliasIsStillChecked() {
        String text = "Profiles:\n  Kafka:\n    Orderer:\n      <<: *OrdererDefaults\n      OrdererType: kafka\n"
                + "Orderer: &OrdererDefaults\n  OrdererType: etcdraft\n";
        ValidationResult r = configtx(text, ValidationSettings.defaults());
        assertEquals(1, withCode(r, "YAML004").size());
        assertEquals(4, withCode(r, "CTX001").get(0).range().start().line(), "on the literal kafka, line 5");
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.message().contains("the Orderer of profile Kafka")),
                () -> "what the unresolved merge would have supplied is not reported missing: " + r.diagnostics());
    }

    @Test
    void backoffAndThrottlingAreFabric3KeysThatA25OrdererRejects() {
        String text = "General:\n  Backoff:\n    BaseDelay: 1s\n  Throttling:\n    Rate: 0\n";
        List<String> found = withCode(orderer(text, FabricVersion.V2_5), "ORD002").stream().map(PrecisionTest::line).toList();
        assertEquals(List.of(
                "ORD002 error 2: General.Backoff exists only from Fabric 3.0: a Fabric 2.5 orderer fails at start with "
                        + "\"'General' has invalid keys: Backoff\"",
                "ORD002 error 4: General.Throttling exists only from Fabric 3.0: a Fabric 2.5 orderer fails at start with "
                        + "\"'General' has invalid keys: Throttling\""), found);
        assertEquals(List.of(), withCode(orderer(text, FabricVersion.V3), "ORD002"));
    }

    @Test
    void keysWithoutAValueAreDroppedBeforeFabricsUnknownKeyCheck() {
        ValidationResult o = orderer("General:\n  ListenPort: 7050\n  Unknwn:\nFuture: ~\n", FabricVersion.V3);
        assertEquals(List.of(), withCode(o, "ORD001"));
        ValidationResult c = configtx("Orderer:\n  OrdererType: etcdraft\n  Foo:\nOrganizations:\n  - Name: Org1MSP\n    Bar:\n",
                ValidationSettings.defaults());
        // a list item is decoded whole (viperutil only drops nulls from maps): Bar is still an unknown key
        assertEquals(List.of("VAL001"), c.diagnostics().stream().filter(d -> d.code().startsWith("VAL00"))
                .map(Diagnostic::code).toList());
        assertTrue(withCode(c, "VAL001").get(0).message().contains("Bar"));
    }

    @Test
    void fabric1KeysAreNamedAsSuchNotAsTypos() {
        List<String> found = withCode(orderer("General:\n  GenesisProfile: SampleInsecureSolo\n", FabricVersion.V3), "ORD002")
                .stream().map(PrecisionTest::line).toList();
        assertEquals(List.of("ORD002 error 2: General.GenesisProfile is a Fabric 1.x key, removed in Fabric 2.0: the orderer "
                + "fails at start with \"'General' has invalid keys: GenesisProfile\"; delete it (generate the channel's genesis "
                + "block with configtxgen -outputBlock and join it with osnadmin channel join)"), found);
        assertEquals(List.of(), withCode(orderer("General:\n  GenesisProfile: SampleInsecureSolo\n", FabricVersion.V3), "ORD001"));
    }

    @Test
    void configtxResourcesIsNamedAsARemovedKey() {
        Diagnostic d = withCode(configtx("Resources:\n  DefaultModPolicy: /Channel/Application/Writers\n",
                new ValidationSettings(FabricVersion.V2_5, null)), "VAL001").get(0);
        assertTrue(d.message().endsWith("Resources is a Fabric 1.1-2.1 key, removed in Fabric 2.2: delete it"), d.message());
    }

    @Test
    void unknownOrdererTypeNamesTheTypesOfTheValidatedRelease() {
        String text = "Orderer:\n  OrdererType: Solo\n";
        Diagnostic d25 = withCode(configtx(text, new ValidationSettings(FabricVersion.V2_5, null)), "CTX001").get(0);
        assertTrue(d25.message().contains("(did you mean solo?)") && d25.message().endsWith("etcdraft, solo or kafka"), d25.message());
        assertFalse(d25.message().contains("BFT"), d25.message());
        Diagnostic d3 = withCode(configtx("Orderer:\n  OrdererType: bft\n", ValidationSettings.defaults()), "CTX001").get(0);
        assertTrue(d3.message().contains("(did you mean BFT?)") && d3.message().endsWith("etcdraft or BFT"), d3.message());
    }

    @Test
    void autoInfersTheReleaseAndSaysWhy() {
        ValidationSettings auto = ValidationSettings.inferred(null);
        ValidationResult v2 = configtx(MERGED_ORG, auto);
        assertEquals(FabricVersion.V2_5, v2.fabricVersion());
        assertEquals("Channel capability V2_0", v2.versionBasis());
        ValidationResult v3 = configtx(MERGED_ORG.replace("V2_0: true", "V2_0: true\n    V3_0: true"), auto);
        assertEquals(FabricVersion.V3, v3.fabricVersion());
        ValidationResult bft = configtx("Profiles:\n  P:\n    Orderer:\n      OrdererType: BFT\n", auto);
        assertEquals("OrdererType BFT", bft.versionBasis());
        ValidationResult none = configtx("Organizations: []\n", auto);
        assertEquals(FabricVersion.V3, none.fabricVersion());
        assertEquals("default", none.versionBasis());
        ValidationResult modeline = configtx("# raftlens: configtx fabric=3\n" + MERGED_ORG, auto);
        assertEquals(FabricVersion.V3, modeline.fabricVersion());
        assertEquals("modeline", modeline.versionBasis());
        ValidationResult kafka = new ConfigValidator(auto).validate(ORDERER, "General:\n  ListenPort: 7050\nKafka:\n  Verbose: false\n");
        assertEquals(FabricVersion.V2_5, kafka.fabricVersion());
        assertEquals(List.of(), withCode(kafka, "ORD002"), "a 2.x orderer.yaml is checked as one");
        assertEquals("0 errors, 0 warnings; Fabric 3 rules (modeline)", Summary.of(List.of(
                new ValidationResult(CONFIGTX, modeline.kind(), List.of(), FabricVersion.V3, "modeline", true))).line());
    }

    @Test
    void noFilesSkipsEveryFileCheckAndTheSummarySaysSo() {
        String text = MERGED_ORG.replace("MSPDir: msp", "MSPDir: crypto-config/peerOrganizations/org1/msp");
        ValidationResult checked = configtx(text, ValidationSettings.inferred(null));
        assertEquals(1, withCode(checked, "FILE003").size());
        ValidationResult skipped = configtx(text, ValidationSettings.inferred(null).withCheckFiles(false));
        assertEquals(List.of(), withCode(skipped, "FILE003"));
        assertFalse(skipped.filesChecked());
        assertTrue(Summary.of(List.of(skipped)).line().endsWith("file checks skipped (--no-files): certificates, keys and MSP "
                + "folders not looked at"), Summary.of(List.of(skipped)).line());
    }
}
