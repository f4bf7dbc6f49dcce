package io.raftlens.lsp.features.navigation;

import io.raftlens.config.value.Placeholders;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.FabricKeys;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Certificate, key and MSP paths. configtxgen and the orderer resolve a relative path against the
 * directory of the configuration file, so links do too. Paths with {@code ${VAR}} are left alone.
 */
final class FilePaths {

    private FilePaths() {
    }

    static boolean isPathKey(DocumentModel model, List<String> path) {
        return FabricKeys.info(model.kind().orElseThrow(), path).filter(FabricKeys::isPath).isPresent();
    }

    /** The existing file or directory a path value names. */
    static Optional<Path> resolve(DocumentModel model, YamlScalar value) {
        String text = value.value().strip();
        if (text.isEmpty() || Placeholders.contains(text) || model.path() == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(text);
            if (!p.isAbsolute()) {
                Path dir = model.path().toAbsolutePath().getParent();
                if (dir == null) {
                    return Optional.empty();
                }
                p = dir.resolve(p);
            }
            p = p.normalize();
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
