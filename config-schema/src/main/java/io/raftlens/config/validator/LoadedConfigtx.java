package io.raftlens.config.validator;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A configtx.yaml read for use (network launcher): the model, when the YAML could be read, and every
 * diagnostic the validator found.
 */
public record LoadedConfigtx(Optional<Configtx> model, ValidationResult validation) {

    /** Reads, validates (Fabric 3 rules) and models a configtx.yaml. */
    public static LoadedConfigtx read(Path file) throws IOException {
        return read(file, ValidationSettings.defaults());
    }

    public static LoadedConfigtx read(Path file, ValidationSettings settings) throws IOException {
        return of(file, new String(io.raftlens.config.files.SafeFiles.read(file,
                io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8), settings);
    }

    /** Validates and models a configtx.yaml's text (an editor's unsaved buffer, say) as the file at {@code file}. */
    public static LoadedConfigtx of(Path file, String text, ValidationSettings settings) {
        ValidationResult result = new ConfigValidator(settings).validate(file, text, FileKind.CONFIGTX);
        ParsedYaml yaml = YamlParser.parse(text);
        FabricVersion version = Modeline.find(text).flatMap(Modeline::fabricVersion).orElse(settings.fabricVersion());
        Optional<Configtx> model = yaml.hasSyntaxErrors() ? Optional.empty()
                : Optional.of(ConfigtxLoader.model(file, yaml, version));
        return new LoadedConfigtx(model, result);
    }

    public List<Diagnostic> errors() {
        return validation.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }
}
