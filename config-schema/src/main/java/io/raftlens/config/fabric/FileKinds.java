package io.raftlens.config.fabric;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a file is a configtx.yaml or an orderer.yaml: the modeline first, then the file name
 * ({@code configtx*.yaml}, {@code orderer*.yaml}, also {@code .yml}), then the top-level keys.
 */
public final class FileKinds {

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*:", Pattern.MULTILINE);
    private static final Set<String> CONFIGTX_KEYS = Set.of("profiles", "organizations");
    private static final Set<String> ORDERER_KEYS = Set.of("general", "fileledger", "consensus");

    private FileKinds() {
    }

    public static Optional<FileKind> detect(Path file, String text) {
        Optional<Modeline> modeline = Modeline.find(text);
        if (modeline.isPresent()) {
            return Optional.of(modeline.get().kind());
        }
        Optional<FileKind> byName = byName(file);
        if (byName.isPresent()) {
            return byName;
        }
        return byContent(text);
    }

    /** {@code configtx*.yaml} / {@code orderer*.yaml} (also {@code .yml}), case-insensitive. */
    public static Optional<FileKind> byName(Path file) {
        if (file == null || file.getFileName() == null) {
            return Optional.empty();
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return Optional.empty();
        }
        if (name.startsWith("configtx")) {
            return Optional.of(FileKind.CONFIGTX);
        }
        if (name.startsWith("orderer")) {
            return Optional.of(FileKind.ORDERER);
        }
        return Optional.empty();
    }

    /** Top-level {@code Profiles}/{@code Organizations} → configtx; {@code General}/{@code FileLedger}/{@code Consensus} → orderer. */
    public static Optional<FileKind> byContent(String text) {
        Matcher m = TOP_LEVEL_KEY.matcher(text);
        int configtx = 0;
        int orderer = 0;
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (CONFIGTX_KEYS.contains(key)) {
                configtx++;
            } else if (ORDERER_KEYS.contains(key)) {
                orderer++;
            }
        }
        if (configtx == 0 && orderer == 0) {
            return Optional.empty();
        }
        return Optional.of(configtx >= orderer ? FileKind.CONFIGTX : FileKind.ORDERER);
    }
}
