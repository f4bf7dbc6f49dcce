package io.raftlens.lsp.cli;

import io.raftlens.config.validate.FileKind;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The profile names of the validated configtx.yaml files, to check {@code --profile} the way configtxgen would. */
final class ProfileNames {

    private final TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private boolean sawConfigtx;

    ProfileNames(List<ValidationResult> results) {
        for (ValidationResult r : results) {
            if (r.kind() != FileKind.CONFIGTX) {
                continue;
            }
            sawConfigtx = true;
            try {
                String text = Files.readString(r.file(), StandardCharsets.UTF_8);
                YamlParser.parse(text).root()
                        .flatMap(root -> root.entriesIgnoreCase("Profiles").stream().findFirst())
                        .map(YamlEntry::value)
                        .filter(YamlMapping.class::isInstance)
                        .ifPresent(p -> ((YamlMapping) p).entries().stream().map(YamlEntry::keyText)
                                .filter(Objects::nonNull).forEach(names::add));
            } catch (IOException | RuntimeException e) {
                // the file was validated a moment ago; if it cannot be read again its own result says why
            }
        }
    }

    /**
     * Why {@code profile} cannot be used, or null when some validated configtx.yaml defines it (matched
     * case-insensitively, as configtxgen's configuration keys are) or no configtx.yaml was validated.
     */
    String problem(String profile) {
        if (!sawConfigtx || names.contains(profile)) {
            return null;
        }
        String known = names.isEmpty() ? "the files define no Profiles" : "profiles: " + String.join(", ", names);
        return "--profile " + profile + ": no configtx.yaml given defines it (configtxgen -profile fails with \"Could not find profile: "
                + profile + "\"); " + known;
    }
}
