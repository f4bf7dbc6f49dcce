package io.raftlens.config.validate.orderer;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.schema.SchemaCatalog;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Visits every key of orderer.yaml with what the schema knows about it. */
final class KeyWalker {

    /** Deeper than any real orderer.yaml (5 levels); bounds work on hostile input. */
    private static final int MAX_DEPTH = 32;

    interface Visitor {
        /**
         * @param path the keys from the top, list items as "[]"
         * @param info the schema's entry, empty for a key Fabric does not know
         * @return whether to visit the keys below this one
         */
        boolean visit(List<String> path, YamlEntry entry, Optional<KeyInfo> info);
    }

    private KeyWalker() {}

    static void walk(YamlMapping root, Visitor visitor) {
        walk(root, new ArrayList<>(), visitor);
    }

    private static void walk(YamlMapping mapping, List<String> prefix, Visitor visitor) {
        if (prefix.size() > MAX_DEPTH) {
            return;
        }
        for (YamlEntry entry : mapping.entries()) {
            String key = entry.keyText();
            if (key == null) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            Optional<KeyInfo> info = SchemaCatalog.standard().keyInfo(FileKind.ORDERER, path);
            if (visitor.visit(path, entry, info) && info.isPresent()) {
                descend(entry.value(), path, visitor);
            }
        }
    }

    private static void descend(YamlNode value, List<String> path, Visitor visitor) {
        if (value instanceof YamlMapping m) {
            walk(m, path, visitor);
        } else if (value instanceof YamlSequence seq) {
            List<String> itemPath = new ArrayList<>(path);
            itemPath.add("[]");
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMapping m) {
                    walk(m, itemPath, visitor);
                }
            }
        }
    }

    /**
     * Whether the orderer drops this key before its unknown-key check: its config parser (viperutil
     * getKeysRecursively) leaves null values out of the maps it decodes; list items are decoded whole.
     */
    static boolean droppedByFabric(List<String> path, YamlEntry entry) {
        return !path.contains("[]") && entry.value() instanceof io.raftlens.config.yaml.YamlScalar s && s.isNull();
    }

    /** Fabric's (mapstructure's) name of the mapping holding a key: "General.Cluster", "" at the top. */
    static String parentName(List<String> path) {
        return String.join(".", path.subList(0, path.size() - 1)).replace(".[]", "[]");
    }

    static String name(List<String> path) {
        return String.join(".", path).replace(".[]", "[]");
    }
}
