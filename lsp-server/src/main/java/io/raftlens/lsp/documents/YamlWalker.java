package io.raftlens.lsp.documents;

import io.raftlens.config.yaml.YamlDocument;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Visits every entry written in a document (inherited entries and alias targets are not revisited), down
 * to {@link #MAX_DEPTH} levels: Fabric's deepest keys are about ten levels down, and a hostile document
 * nested thousands of levels deep must not cost a path copy per level for every entry.
 */
public final class YamlWalker {

    /** Mappings and lists nested deeper than this are not visited. */
    public static final int MAX_DEPTH = 64;

    /** Called for each written entry with its key path and the mapping holding it. */
    public interface Visitor {
        void entry(List<String> path, YamlEntry entry, YamlMapping parent);
    }

    private YamlWalker() {
    }

    public static void walk(DocumentModel model, Visitor visitor) {
        for (YamlDocument doc : model.yaml().documents()) {
            doc.root().ifPresent(root -> walk(root, new ArrayList<>(), visitor));
        }
    }

    private static void walk(YamlNode node, List<String> path, Visitor visitor) {
        if (node.via().isPresent() || path.size() >= MAX_DEPTH) {
            return;
        }
        if (node instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                if (e.isInherited() || e.keyText() == null) {
                    continue;
                }
                List<String> child = NodeLocator.append(path, e.keyText());
                visitor.entry(child, e, m);
                walk(e.value(), child, visitor);
            }
        } else if (node instanceof YamlSequence s) {
            List<String> child = NodeLocator.append(path, "[]");
            for (YamlNode item : s.items()) {
                walk(item, child, visitor);
            }
        }
    }
}
