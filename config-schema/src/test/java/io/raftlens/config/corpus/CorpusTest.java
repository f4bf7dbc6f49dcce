package io.raftlens.config.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real configtx.yaml files of /work/shared/corpus (copied to src/test/resources/corpus): the ones
 * SOURCES.md calls valid for Fabric 3 get no errors, the invalid ones get the specific errors at the
 * right lines.
 */
class CorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");

    static Stream<String> v3Valid() {
        return Stream.of(
                "fabric__sampleconfig__configtx.yaml",
                "fabric__orderer__common__server__testdata__configtx.yaml",
                "fabric__orderer__common__cluster__testdata__blockverification__configtx.yaml",
                "fabric-samples__test-network__configtx__configtx.yaml",
                "fabric-samples__test-network__bft-config__configtx.yaml",
                "fabric-samples__test-network__addOrg3__configtx.yaml",
                "fabric-samples__test-network-nano-bash__configtx.yaml",
                "fabric-samples__test-network-nano-bash__bft-config__configtx.yaml",
                "fabric-samples__test-network-k8s__config__org0__configtx-template.yaml",
                "fabric-samples__test-network-k8s__config__org0__bft__configtx-template.yaml",
                "fabric-samples__full-stack-asset-transfer-guide__sample-network__config__configtx-template.yaml",
                "fablo__e2e-snapshot__hlf3-2orgs-1chaincode-raft-ccaas__configtx.yaml",
                "fablo__e2e-snapshot__hlf3-bft-1orgs-1chaincode__configtx.yaml");
    }

    private static ValidationResult validate(String file, FabricVersion version) throws IOException {
        return new ConfigValidator(new ValidationSettings(version, null)).validate(CORPUS.resolve(file));
    }

    private static List<String> errors(ValidationResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code() + "@" + (d.range().start().line() + 1)).toList();
    }

    @ParameterizedTest
    @MethodSource("v3Valid")
    void v3ValidFilesHaveNoErrors(String file) throws IOException {
        ValidationResult r = validate(file, FabricVersion.V3);
        assertEquals(FileKind.CONFIGTX, r.kind());
        assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code() + "@" + d.range().start() + " " + d.message()).toList());
    }

    @Test
    void fabric25SampleHasKafkaUnderFabric3() throws IOException {
        ValidationResult r = validate("fabric-v2.5.0__sampleconfig__configtx.yaml", FabricVersion.V3);
        assertEquals(List.of("VAL011@313", "CTX001@465", "CTX001@490", "CTX001@536"), errors(r));
        Diagnostic kafka = r.diagnostics().stream().filter(d -> d.code().equals("VAL011")).findFirst().orElseThrow();
        assertTrue(kafka.message().contains("'Orderer' has invalid keys: Kafka"), kafka.message());
        assertEquals(4, kafka.range().start().column());
    }

    @Test
    void fabric25SampleIsValidUnderFabric25() throws IOException {
        assertEquals(List.of(), errors(validate("fabric-v2.5.0__sampleconfig__configtx.yaml", FabricVersion.V2_5)));
    }

    @Test
    void operatorMultiOrgSampleHasKafkaUnderFabric3() throws IOException {
        assertEquals(List.of("VAL011@325", "CTX001@477", "CTX001@502", "CTX001@548"),
                errors(validate("fabric-operator__sample-network-multi-org__config__configtx.yaml", FabricVersion.V3)));
        assertEquals(List.of(), errors(validate("fabric-operator__sample-network-multi-org__config__configtx.yaml", FabricVersion.V2_5)));
    }

    @Test
    void smartBftTestdataBftProfileLacksV3Channel() throws IOException {
        ValidationResult r = validate("fabric__orderer__consensus__smartbft__testdata__configtx.yaml", FabricVersion.V3);
        assertEquals(List.of("CTX022@375"), errors(r));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains(
                "orderer type BFT must be used with V3_0 channel capability: map[V2_0:true]")));
    }

    @Test
    void fabloFabric2FileMergesApplicationCapabilitiesIntoOrderer() throws IOException {
        ValidationResult r = validate("fablo__e2e-snapshot__hlf2-2orgs-2chaincodes-raft__configtx.yaml", FabricVersion.V2_5);
        // profiles MyChannel1..3 use Capabilities: {<<: *ApplicationCapabilities} in their Orderer section
        assertEquals(List.of("CTX010@10"), errors(r));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("YAML002") && d.severity() == Severity.WARNING
                && d.range().start().line() == 203));
        assertEquals(List.of("CTX010@10", "YAML002@204"), errors(validate(
                "fablo__e2e-snapshot__hlf2-2orgs-2chaincodes-raft__configtx.yaml", FabricVersion.V3)));
    }

    @Test
    void operatorDefaultIsATemplateFilledAtRuntime() throws IOException {
        assertEquals(List.of("VAL011@84", "RAFT007@88", "CTX012@93", "CTX012@185", "CTX012@205"),
                errors(validate("fabric-operator__defaultconfig__orderer__configtx.yaml", FabricVersion.V3)));
    }

    @Test
    void everyCorpusFileIsClassifiedAndValidatedQuickly() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                ValidationResult r = new ConfigValidator(ValidationSettings.defaults()).validate(f);
                FileKind expected = f.getFileName().toString().contains("orderer.yaml") ? FileKind.ORDERER : FileKind.CONFIGTX;
                assertEquals(expected, r.kind(), f.toString());
                assertTrue(r.diagnostics().stream().noneMatch(d -> d.code().equals("INTERNAL")), f + ": " + r.diagnostics());
            }
        }
    }
}
