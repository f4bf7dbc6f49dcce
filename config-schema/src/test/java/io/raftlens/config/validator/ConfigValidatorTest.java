package io.raftlens.config.validator;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.Rule;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValidatorTest {

    private final ConfigValidator validator = new ConfigValidator(ValidationSettings.defaults());

    @Test
    void failingRuleIsIsolated() {
        Rule boom = new AbstractRule("TEST001", Severity.ERROR, "boom", "always fails") {
            @Override
            public void check(RuleContext context, DiagnosticSink sink) {
                throw new IllegalStateException("bug");
            }
        };
        Rule fine = new AbstractRule("TEST002", Severity.WARNING, "fine", "reports once") {
            @Override
            public void check(RuleContext context, DiagnosticSink sink) {
                report(sink, new Range(new Position(1, 0, 10), new Position(1, 1, 11)), "found");
            }
        };
        ConfigValidator v = new ConfigValidator(ValidationSettings.defaults(), k -> List.of(boom, fine));
        ValidationResult r = v.validate(Path.of("configtx.yaml"), "Profiles: {}\nOrganizations: []\n");
        assertEquals(List.of("INTERNAL", "TEST002"), r.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(r.diagnostics().get(0).message().contains("TEST001"));
    }

    @Test
    void ordererRulesAreInTheCatalogAndRunOnOrdererYaml() {
        List<String> codes = ConfigValidator.rules().stream().map(RuleInfo::code).toList();
        assertTrue(codes.containsAll(List.of("ORD001", "ORD012")), codes.toString());
        ValidationResult r = validator.validate(Path.of("/tmp/raftlens-test/orderer.yaml"), "General:\n  ListenPortt: 7050\n");
        List<Diagnostic> unknown = r.diagnostics().stream().filter(d -> d.code().equals("ORD001")).toList();
        assertEquals(1, unknown.size(), r.diagnostics().toString());
        assertEquals(new Position(1, 2, 11), unknown.get(0).range().start());
    }

    @Test
    void failingModelIsReportedOnceAndYamlRulesStillRun() {
        ConfigValidator v = new ConfigValidator(ValidationSettings.defaults(), RuleCatalog::rules, k -> source -> {
            throw new IllegalStateException("model bug");
        });
        ValidationResult r = v.validate(Path.of("configtx.yaml"), "Profiles: {}\nProfiles: {}\n");
        assertEquals(List.of("INTERNAL", "YAML002"), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void diagnosticsSortedByPosition() {
        ValidationResult r = validator.validate(Path.of("configtx.yaml"),
                "a: 1\na: 2\nb: *x\nb: 3\n");
        List<Diagnostic> d = r.diagnostics();
        for (int i = 1; i < d.size(); i++) {
            assertTrue(d.get(i - 1).range().start().compareTo(d.get(i).range().start()) <= 0);
        }
        assertEquals(List.of("YAML002", "YAML004", "YAML002"), d.stream().map(Diagnostic::code).filter(c -> c.startsWith("YAML")).toList());
    }

    @Test
    void unknownKindIsReportedNotThrown() {
        ValidationResult r = validator.validate(Path.of("compose.yaml"), "services: {}\n");
        assertNull(r.kind());
        assertEquals("FILE001", r.diagnostics().get(0).code());
    }

    @Test
    void binaryFileIsOneDiagnostic(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("configtx.yaml");
        Files.write(f, new byte[] {1, 2, 0, (byte) 0xff, 10});
        ValidationResult r = validator.validate(f);
        assertEquals(List.of("FILE002"), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void garbageNeverThrows() {
        for (String text : List.of("", "\u0000", "[[[[", "a: &a [*a]", ": : :", "- - - -", "\"unterminated", "a:\n\t- b",
                "{a: 1, a: 2}", "Profiles:\n  P:\n    <<: 5\n", "!!binary x", "? [a]\n: b\n", "%YAML 9.9\n---\na: 1")) {
            ValidationResult r = validator.validate(Path.of("configtx.yaml"), text);
            assertEquals(FileKind.CONFIGTX, r.kind());
        }
    }

    @Test
    void emptyFileIsReported() {
        ValidationResult r = validator.validate(Path.of("configtx.yaml"), "# nothing\n");
        assertEquals(List.of("YAML007"), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void catalogListsFacadeAndYamlCodes() {
        List<String> codes = ConfigValidator.rules().stream().map(RuleInfo::code).toList();
        assertTrue(codes.containsAll(List.of("FILE001", "FILE002", "INTERNAL", "YAML001", "YAML002", "YAML003", "YAML004",
                "YAML005", "YAML006", "YAML007")), codes.toString());
    }
}
