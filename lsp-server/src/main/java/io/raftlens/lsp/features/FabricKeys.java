package io.raftlens.lsp.features;

import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.schema.SchemaCatalog;
import io.raftlens.config.validate.FileKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schema lookups by key path, for completion, hover, hints and links. */
public final class FabricKeys {

    private FabricKeys() {
    }

    public static Optional<KeyInfo> info(FileKind kind, List<String> path) {
        return SchemaCatalog.standard().keyInfo(kind, clean(path));
    }

    public static List<KeyInfo> children(FileKind kind, List<String> path) {
        return SchemaCatalog.standard().children(kind, clean(path));
    }

    /** Merge keys are not part of Fabric's structure: drop them from a path. */
    private static List<String> clean(List<String> path) {
        List<String> out = new ArrayList<>(path.size());
        for (String s : path) {
            if (!s.equals("<<")) {
                out.add(s);
            }
        }
        return out;
    }

    public static boolean isDuration(KeyInfo info) {
        return "duration".equals(info.format()) || "duration-string".equals(info.format());
    }

    public static boolean isByteSize(KeyInfo info) {
        return "byte-size".equals(info.format());
    }

    public static boolean isPath(KeyInfo info) {
        return "path".equals(info.format());
    }
}
