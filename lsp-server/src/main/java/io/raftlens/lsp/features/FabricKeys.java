package io.raftlens.lsp.features;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.schema.SchemaCatalog;
import io.raftlens.lsp.documents.YamlWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Schema lookups by key path, for completion, hover, hints and links. */
public final class FabricKeys {

    private FabricKeys() {
    }

    private static final int MAX_CACHED = 20_000;
    /** No Fabric key is nested this deep: longer paths (hostile documents) are answered without a lookup. */
    private static final int MAX_PATH = YamlWalker.MAX_DEPTH;
    private static final Map<String, Optional<KeyInfo>> INFO = new ConcurrentHashMap<>();
    private static final Map<String, List<KeyInfo>> CHILDREN = new ConcurrentHashMap<>();

    /** Schema lookups are memoized: the schemas never change, and hints and links ask for every key of a file. */
    public static Optional<KeyInfo> info(FileKind kind, List<String> path) {
        return path.size() > MAX_PATH ? Optional.empty() : cached(INFO, kind, path, p -> SchemaCatalog.standard().keyInfo(kind, p));
    }

    public static List<KeyInfo> children(FileKind kind, List<String> path) {
        return path.size() > MAX_PATH ? List.of() : cached(CHILDREN, kind, path, p -> SchemaCatalog.standard().children(kind, p));
    }

    private static <T> T cached(Map<String, T> cache, FileKind kind, List<String> path, Function<List<String>, T> lookup) {
        List<String> clean = clean(path);
        String key = kind + ":" + String.join("/", clean).toLowerCase(Locale.ROOT);
        T found = cache.get(key);
        if (found == null) {
            found = lookup.apply(clean);
            if (cache.size() > MAX_CACHED) {
                cache.clear(); // profile names are user-chosen: keep the cache bounded
            }
            cache.put(key, found);
        }
        return found;
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
