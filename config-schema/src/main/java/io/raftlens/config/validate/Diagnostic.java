package io.raftlens.config.validate;

import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;

/**
 * One problem found in a Fabric configuration file.
 *
 * @param code     stable rule code, e.g. {@code RAFT001}; documented in docs/rules.md
 * @param severity how bad it is
 * @param message  what is wrong, in Fabric's terms, and how to fix it
 * @param range    where: the key for unknown/missing keys, the value for bad values
 * @param related  other places that explain this one ("first defined here", "inherited from &OrdererDefaults")
 */
public record Diagnostic(String code, Severity severity, String message, Range range, List<Related> related) {

    public Diagnostic {
        related = List.copyOf(related);
    }

    public Diagnostic(String code, Severity severity, String message, Range range) {
        this(code, severity, message, range, List.of());
    }

    /** A secondary location. {@code file} is null when it is in the same file. */
    public record Related(Path file, Range range, String message) {}
}
