package io.raftlens.lsp.samples;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in: surefire starts in the module folder, the samples live one up. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("samples/five-orderers")) && Files.isRegularFile(q.resolve("raftlens"))) {
                return q;
            }
        }
        throw new IllegalStateException("no repository root (with samples/ and ./raftlens) above " + p);
    }

    static Path samples() {
        return root().resolve("samples");
    }
}
