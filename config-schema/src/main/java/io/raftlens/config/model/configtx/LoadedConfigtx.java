package io.raftlens.config.model.configtx;

import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import java.util.List;
import java.util.Optional;

/**
 * A configtx.yaml read for use (network launcher): the model, when the YAML could be read, and every
 * diagnostic the validator found.
 */
public record LoadedConfigtx(Optional<Configtx> model, ValidationResult validation) {

    public List<Diagnostic> errors() {
        return validation.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }
}
