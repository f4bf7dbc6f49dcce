package io.raftlens.config.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's regression corpus: every real file of {@code src/test/resources/corpus} (from ../shared/corpus)
 * and {@code src/test/resources/regression} (further files from public repositories, sources in its
 * SOURCES.md) validated the way {@code raftlens validate} does by default ({@code --fabric-version auto},
 * file checks on, crypto material absent), compared with {@code regression/expected-findings.txt}: the
 * release each file gets and every finding (position, severity, code). Each expected finding was checked
 * against Fabric's source; the notes are in the expected file. A change in any finding fails here, so
 * precision cannot slip silently.
 *
 * <p>After a deliberate change, print the current findings with {@code main} (run from config-schema/) and
 * review the difference before replacing the expected file.
 */
class RegressionCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final Path REGRESSION = Path.of("src/test/resources/regression");
    static final Path EXPECTED = REGRESSION.resolve("expected-findings.txt");

    @Test
    void everyFileGetsExactlyTheReviewedFindings() throws IOException {
        List<String> expected = Files.readAllLines(EXPECTED, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(String.join("\n", expected), String.join("\n", current()));
    }

    @Test
    void warningsPerFileAreAtMostHalfOfWhatTheyWere() throws IOException {
        // before issue 19 (commit 10cafdc, --fabric-version 3): 274 warnings on the 24 shared corpus files
        long warnings = 0;
        for (Path f : files(CORPUS)) {
            warnings += validate(f).count(Severity.WARNING);
        }
        assertTrue(warnings * 2 <= 274, "warnings on the shared corpus: " + warnings + " (was 274)");
    }

    /** The findings of every corpus file, in the expected file's form. */
    static List<String> current() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path folder : List.of(CORPUS, REGRESSION)) {
            for (Path f : files(folder)) {
                ValidationResult r = validate(f);
                String name = folder.getFileName() + "/" + f.getFileName();
                out.add(name + " fabric=" + r.fabricVersion().label() + " (" + r.versionBasis() + ")");
                for (Diagnostic d : r.diagnostics()) {
                    if (d.severity() == Severity.HINT || d.severity() == Severity.INFORMATION) {
                        continue; // hints and placeholder notes do not fail CI or count as warnings
                    }
                    out.add(name + ":" + (d.range().start().line() + 1) + ":" + (d.range().start().column() + 1) + " "
                            + d.severity().label() + " " + d.code());
                }
            }
        }
        return out;
    }

    private static ValidationResult validate(Path file) throws IOException {
        return new ConfigValidator(ValidationSettings.inferred(null)).validate(file);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Prints the current findings (to review against the expected file after a deliberate change). */
    public static void main(String[] args) throws IOException {
        current().forEach(System.out::println);
    }
}
