package io.raftlens.config.report;

import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The order every report uses: files by path, diagnostics by position, then code and message for stability. */
final class ReportOrder {

    static final Comparator<Diagnostic> DIAGNOSTICS = Comparator
            .comparing((Diagnostic d) -> d.range().start())
            .thenComparing(d -> d.range().end())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    private ReportOrder() {}

    static List<ValidationResult> files(List<ValidationResult> results) {
        List<ValidationResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(r -> displayPath(r.file())));
        return sorted;
    }

    static List<Diagnostic> diagnostics(ValidationResult result) {
        List<Diagnostic> sorted = new ArrayList<>(result.diagnostics());
        sorted.sort(DIAGNOSTICS);
        return sorted;
    }

    /** The path as the user gave it, with '/' separators on every platform. */
    static String displayPath(Path file) {
        return file.toString().replace(java.io.File.separatorChar, '/');
    }

    /** One line: reports are line-oriented, so embedded line breaks become spaces. */
    static String oneLine(String message) {
        return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
