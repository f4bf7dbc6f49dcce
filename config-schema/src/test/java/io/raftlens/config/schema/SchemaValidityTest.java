package io.raftlens.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.raftlens.config.fabric.FileKind;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled schemas are valid draft-07, and real Fabric 3 files validate against them. */
class SchemaValidityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private static JsonSchema bundled(FileKind kind) {
        return FACTORY.getSchema(SchemaCatalog.standard().schema(kind));
    }

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void schemaIsValidDraft07(FileKind kind) {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        JsonNode schema = SchemaCatalog.standard().schema(kind);
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
        assertEquals(Set.of(), meta.validate(schema), kind + " schema against the draft-07 meta-schema");
    }

    @Test
    void metaValidationCatchesABrokenSchema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        Set<ValidationMessage> errors = meta.validate("{\"type\":\"strings\",\"properties\":[]}", InputFormat.JSON);
        assertTrue(errors.size() >= 2, errors.toString());
    }

    static Stream<Path> corpus() {
        return CorpusFiles.all().stream();
    }

    /**
     * v3-valid corpus files pass the schema except for leftover solo profiles (which Fabric 3 only refuses
     * at channel join, and which editors should flag); files with Kafka fail exactly on Kafka.
     */
    @ParameterizedTest
    @MethodSource("corpus")
    void corpusValidatesAgainstSchema(Path file) {
        JsonSchema schema = bundled(CorpusFiles.kind(file));
        Set<String> problems = new TreeSet<>();
        for (Object doc : CorpusFiles.documents(file)) {
            for (ValidationMessage m : schema.validate(JSON.valueToTree(doc))) {
                problems.add(m.getInstanceLocation() + " " + m.getType());
            }
        }
        boolean invalid = CorpusFiles.INVALID_UNDER_V3.contains(file.getFileName().toString());
        Set<String> unexpected = new TreeSet<>();
        for (String p : problems) {
            boolean legacyOrdererType = p.endsWith(".OrdererType enum");
            boolean kafka = invalid && p.contains("Kafka");
            if (!legacyOrdererType && !kafka) {
                unexpected.add(p);
            }
        }
        assertEquals(Set.of(), unexpected, file.getFileName().toString());
    }

    @Test
    void schemaRejectsWhatFabricRejects() {
        JsonSchema schema = bundled(FileKind.CONFIGTX);
        String bad = """
                {"Orderer": {"OrdererType": "Etcdraft", "BatchTimeout": "2 seconds",
                  "BatchSize": {"AbsoluteMaxBytes": "16 MiB"},
                  "EtcdRaft": {"Consenters": [{"Host": "a", "Port": 70000, "MSPID": "x"}], "Options": {"TickInterval": "500"}},
                  "Policies": {"Readers": {"Type": "ImplicitMeta", "Rule": "SOME Readers"}}}}
                """;
        Set<String> problems = new TreeSet<>();
        schema.validate(bad, InputFormat.JSON).forEach(m -> problems.add(m.getInstanceLocation() + " " + m.getType()));
        assertEquals(new TreeSet<>(Set.of(
                "$.Orderer.OrdererType enum",
                "$.Orderer.BatchTimeout pattern",
                "$.Orderer.BatchSize.AbsoluteMaxBytes pattern",
                "$.Orderer.EtcdRaft.Consenters[0].Port maximum",
                "$.Orderer.EtcdRaft.Consenters[0] additionalProperties",
                "$.Orderer.EtcdRaft.Options.TickInterval pattern",
                "$.Orderer.Policies.Readers.Rule pattern")), problems);
    }
}
