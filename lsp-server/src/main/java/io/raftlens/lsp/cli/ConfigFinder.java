package io.raftlens.lsp.cli;

import io.raftlens.config.fabric.FileKinds;
import io.raftlens.config.fabric.Modeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the PATH arguments of {@code raftlens validate} into the files to check: files as given,
 * folders searched recursively (hidden folders and node_modules skipped) for {@code configtx*.yaml},
 * {@code orderer*.yaml} and YAML files whose first lines carry a {@code # raftlens:} modeline.
 */
final class ConfigFinder {

    /** How much of a YAML file is read to look for a modeline (it sits in the first lines). */
    private static final int MODELINE_HEAD_BYTES = 4096;

    /**
     * @param files    files to validate, in order, each once, paths as the user wrote them
     * @param problems one-line reasons for arguments that could not be used
     */
    record Found(List<Path> files, List<String> problems) {}

    Found find(List<Path> arguments) {
        Map<Path, Path> files = new LinkedHashMap<>(); // real path -> path as given
        List<String> problems = new ArrayList<>();
        for (Path argument : arguments) {
            if (!Files.exists(argument)) {
                problems.add(argument + ": no such file or directory");
            } else if (Files.isDirectory(argument)) {
                List<Path> inFolder = new ArrayList<>();
                try {
                    search(argument, inFolder, problems);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(argument + ": cannot search folder: " + e.getMessage());
                    continue;
                }
                if (inFolder.isEmpty()) {
                    problems.add(argument + ": no configtx*.yaml, orderer*.yaml or '# raftlens:' YAML files in this folder");
                }
                inFolder.forEach(f -> files.putIfAbsent(key(f), f));
            } else if (!Files.isReadable(argument)) {
                problems.add(argument + ": permission denied");
            } else {
                files.putIfAbsent(key(argument), argument);
            }
        }
        return new Found(List.copyOf(files.values()), problems);
    }

    private static void search(Path folder, List<Path> found, List<String> problems) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(folder) && (name.startsWith(".") || name.equals("node_modules"));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isConfig(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(file + ": cannot read (" + reason(e) + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
    }

    static boolean isConfig(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        return FileKinds.byName(file).isPresent() || hasModeline(file);
    }

    private static boolean hasModeline(Path file) {
        try {
            // a FIFO named *.yaml would block a plain open
            String head = new String(io.raftlens.config.files.SafeFiles.head(file, MODELINE_HEAD_BYTES), StandardCharsets.UTF_8);
            return Modeline.find(head).isPresent();
        } catch (IOException e) {
            return false; // unreadable and not named like a config: not ours to report
        }
    }

    private static Path key(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }
}
