package io.raftlens.config.validate.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real orderer.yaml files of the corpus: v3-valid ones have no errors; v2.5 ones get Fabric 3's two fatal problems. */
class OrdererCorpusTest {

    static Path corpus(String name) throws URISyntaxException {
        return Path.of(OrdererCorpusTest.class.getResource("/corpus/" + name).toURI());
    }

    static List<String> errors(String name, FabricVersion version) throws IOException, URISyntaxException {
        ValidationResult result = new ConfigValidator(new ValidationSettings(version, null)).validate(corpus(name));
        return result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).map(OrdererCorpusTest::at).toList();
    }

    static String at(Diagnostic d) {
        return d.code() + "@" + d.range().start();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fabric__sampleconfig__orderer.yaml",
        "fabric__orderer__common__server__testdata__orderer.yaml",
        "fabric__orderer__common__cluster__testdata__blockverification__orderer.yaml"})
    void v3ValidFilesHaveNoErrors(String name) throws Exception {
        assertEquals(List.of(), errors(name, FabricVersion.V3));
    }

    @ParameterizedTest
    @CsvSource({
        "fabric-v2.5.0__sampleconfig__orderer.yaml, 97, 189",
        "fabric-operator__defaultconfig__orderer__v25__orderer.yaml, 96, 190",
        "fabric-operator__sample-network-multi-org__config__orderer.yaml, 110, 202"})
    void v25FilesFailOnBootstrapFileAndKafkaUnderFabric3(String name, int bootstrapLine, int kafkaLine) throws Exception {
        assertEquals(List.of("ORD004@" + bootstrapLine + ":22", "ORD002@" + kafkaLine + ":1"), errors(name, FabricVersion.V3));
        assertEquals(List.of(), errors(name, FabricVersion.V2_5), "valid for the release they were written for");
    }
}
