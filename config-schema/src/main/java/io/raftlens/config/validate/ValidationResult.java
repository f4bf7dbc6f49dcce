package io.raftlens.config.validate;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.VersionBasis;
import io.raftlens.config.fabric.FileKind;
import java.nio.file.Path;
import java.util.List;

/**
 * The diagnostics of one file, sorted by position.
 *
 * @param fabricVersion the Fabric release whose rules were applied (null when the file was not validated)
 * @param versionBasis  why that release: "--fabric-version", "modeline", "Channel capability V3_0", "default"
 * @param filesChecked  whether referenced files (MSP folders, certificates) were looked at
 */
public record ValidationResult(Path file, FileKind kind, List<Diagnostic> diagnostics, FabricVersion fabricVersion,
                               String versionBasis, boolean filesChecked) {

    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public ValidationResult(Path file, FileKind kind, List<Diagnostic> diagnostics) {
        this(file, kind, diagnostics, null, null, true);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
