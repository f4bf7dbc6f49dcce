package io.raftlens.config.validate.common;

import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.MissingFiles;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FILE003: referenced files that do not exist (yet), one finding per missing root folder. Runs after the
 * rules that look for files (they note what is missing in {@link MissingFiles}).
 */
final class MissingFilesRule extends AbstractRule {

    /** How many "what" names a message lists before "and N more". */
    private static final int NAMED = 3;

    MissingFilesRule() {
        super("FILE003", Severity.WARNING, "Crypto material not there (yet)",
                "Files the configuration references do not exist: MSPDir folders, consenter TLS certificates and "
                        + "identities, orderer TLS certificates and keys. Crypto material is often generated after the "
                        + "configuration is written, or lives elsewhere in CI, so this is a warning, reported once per missing "
                        + "root folder (the highest folder that does not exist) with how many paths point into it and the "
                        + "first of them. configtxgen fails with \"1 - Error loading MSP configuration for org\" or \"cannot load "
                        + "client cert for consenter\", the orderer with \"Failed to load server Certificate file\", if they are "
                        + "still missing then. `--no-files` skips file checks.");
    }

    @Override
    public void check(RuleContext context, DiagnosticSink sink) {
        if (!context.settings().checkFiles()) {
            return;
        }
        List<MissingFiles.Reference> refs = new ArrayList<>(MissingFiles.in(context).references());
        refs.sort(Comparator.comparing((MissingFiles.Reference r) -> r.range().start()));
        Map<Path, List<MissingFiles.Reference>> byRoot = new LinkedHashMap<>();
        for (MissingFiles.Reference r : refs) {
            byRoot.computeIfAbsent(missingRoot(r.path()), k -> new ArrayList<>()).add(r);
        }
        byRoot.forEach((root, group) -> report(context, sink, root, group));
    }

    private void report(RuleContext context, DiagnosticSink sink, Path root, List<MissingFiles.Reference> group) {
        MissingFiles.Reference first = group.get(0);
        Set<Path> paths = new LinkedHashSet<>();
        group.forEach(r -> paths.add(r.path()));
        if (paths.size() == 1) {
            String where = show(context, first.path());
            String also = group.size() == 1 ? "" : " (named " + group.size() + " times, the first here)";
            report(sink, Severity.WARNING, first.range(), first.what() + " does not exist (yet): " + where + also + "; "
                    + first.failure() + " unless it is generated first (--no-files skips file checks)", related(group));
            return;
        }
        Set<String> whats = new LinkedHashSet<>();
        group.forEach(r -> whats.add(r.what()));
        List<String> named = whats.stream().limit(NAMED).toList();
        String list = String.join(", ", named) + (whats.size() > NAMED ? " and " + (whats.size() - NAMED) + " more" : "");
        String distinct = paths.size() < group.size() ? ", " + paths.size() + " distinct" : "";
        report(sink, Severity.WARNING, first.range(), show(context, root) + "/ does not exist (yet): " + group.size()
                + " paths point into it" + distinct + " (" + list + "), the first here; " + first.failure()
                + " unless the crypto material is generated first (--no-files skips file checks)", related(group));
    }

    private static List<Diagnostic.Related> related(List<MissingFiles.Reference> group) {
        List<Diagnostic.Related> out = new ArrayList<>();
        for (MissingFiles.Reference r : group.subList(1, group.size())) {
            out.add(new Diagnostic.Related(null, r.range(), r.what() + ": " + r.path().getFileName()));
        }
        return out;
    }

    /** The highest folder on the path that does not exist (the path itself when its folder exists). */
    static Path missingRoot(Path path) {
        Path root = path;
        while (root.getParent() != null && !Files.exists(root.getParent())) {
            root = root.getParent();
        }
        return root;
    }

    /** Relative to the configuration's folder when it is below it, as the user wrote it. */
    private static String show(RuleContext context, Path path) {
        Path folder = context.folder().toAbsolutePath().normalize();
        return path.startsWith(folder) && !path.equals(folder) ? folder.relativize(path).toString() : path.toString();
    }
}
