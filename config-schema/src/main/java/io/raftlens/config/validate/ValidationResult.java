package io.raftlens.config.validate;

import io.raftlens.config.fabric.FileKind;
import java.nio.file.Path;
import java.util.List;

/** The diagnostics of one file, sorted by position. */
public record ValidationResult(Path file, FileKind kind, List<Diagnostic> diagnostics) {

    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
