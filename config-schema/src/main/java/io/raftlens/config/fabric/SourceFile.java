package io.raftlens.config.fabric;

import io.raftlens.config.yaml.ParsedYaml;
import java.nio.file.Path;

/**
 * A configuration file being validated.
 *
 * @param file     the file's path (may be a virtual path for unsaved editor buffers; never null)
 * @param text     its full text
 * @param yaml     its parsed YAML
 * @param kind     configtx or orderer
 * @param settings the effective settings (the modeline's {@code fabric=} already applied)
 */
public record SourceFile(Path file, String text, ParsedYaml yaml, FileKind kind, ValidationSettings settings) {

    /** The folder relative paths in the file are resolved against (Fabric: the YAML file's directory). */
    public Path folder() {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        return parent != null ? parent : abs;
    }
}
