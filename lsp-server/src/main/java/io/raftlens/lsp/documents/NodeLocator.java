package io.raftlens.lsp.documents;

import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlDocument;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds nodes in the parsed tree: by position (hover, definition) and by key path (completion). */
public final class NodeLocator {

    private NodeLocator() {
    }

    /** The innermost key or value at {@code offset}, in the document that contains it. */
    public static Optional<NodeAt> at(DocumentModel model, int offset) {
        for (YamlDocument doc : model.yaml().documents()) {
            if (doc.root().isPresent() && contains(doc.range(), offset)) {
                NodeAt found = walk(doc.root().get(), offset);
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the offset is inside the range or just after its last character (where a cursor sits after typing). */
    public static boolean contains(Range r, int offset) {
        return r.start().offset() <= offset && offset <= r.end().offset();
    }

    /**
     * Descends from the root to the innermost key or value containing the offset. Iterative with one path
     * list: a hostile document may nest thousands of levels, and each level must cost only its own entries.
     */
    private static NodeAt walk(YamlNode root, int offset) {
        List<String> path = new ArrayList<>();
        YamlNode node = root;
        YamlEntry entry = null;
        YamlMapping parent = null;
        boolean inside = false; // whether node is a value containing the offset (the answer if no child is)
        while (true) {
            YamlNode child = null;
            if (node instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    if (e.isInherited() || e.keyText() == null) {
                        continue;
                    }
                    if (contains(e.key().range(), offset)) {
                        return new NodeAt(append(path, e.keyText()), e, e.key(), true, m);
                    }
                    YamlNode v = e.value();
                    if (v.via().isPresent()) {
                        if (contains(v.via().get().range(), offset)) {
                            return new NodeAt(append(path, e.keyText()), e, v, false, m);
                        }
                        continue;
                    }
                    if (contains(v.range(), offset)) {
                        path.add(e.keyText());
                        entry = e;
                        parent = m;
                        child = v;
                        break;
                    }
                }
            } else if (node instanceof YamlSequence s) {
                for (YamlNode item : s.items()) {
                    if (item.via().isPresent()) {
                        if (contains(item.via().get().range(), offset)) {
                            return new NodeAt(append(path, "[]"), entry, item, false, parent);
                        }
                        continue;
                    }
                    if (contains(item.range(), offset)) {
                        path.add("[]");
                        child = item;
                        break;
                    }
                }
            }
            if (child == null) {
                return inside ? new NodeAt(path, entry, node, false, parent) : null;
            }
            node = child;
            inside = true;
        }
    }

    /**
     * The node at a key path ({@code "[]"} segments pick the list item on or before {@code line}); keys
     * match case-insensitively as in Fabric, and inherited (merged) entries count.
     */
    public static Optional<YamlNode> byPath(DocumentModel model, List<String> path, int line) {
        Optional<YamlNode> node = documentAt(model, line).flatMap(YamlDocument::root);
        for (String segment : path) {
            if (node.isEmpty()) {
                return node;
            }
            YamlNode n = node.get();
            if (segment.equals("[]")) {
                node = n instanceof YamlSequence s ? itemAt(s, line) : Optional.empty();
            } else if (n instanceof YamlMapping m) {
                List<YamlEntry> es = m.entriesIgnoreCase(segment);
                node = es.isEmpty() ? Optional.empty() : Optional.of(es.get(0).value());
            } else {
                node = Optional.empty();
            }
        }
        return node;
    }

    public static Optional<YamlDocument> documentAt(DocumentModel model, int line) {
        YamlDocument best = null;
        for (YamlDocument doc : model.yaml().documents()) {
            if (best == null || doc.range().start().line() <= line) {
                best = doc;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<YamlNode> itemAt(YamlSequence s, int line) {
        YamlNode best = null;
        for (YamlNode item : s.items()) {
            Range r = item.via().map(a -> a.range()).orElse(item.range());
            if (r.start().line() <= line) {
                best = item;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Finds an entry case-insensitively. */
    public static Optional<YamlEntry> entry(YamlMapping m, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (YamlEntry e : m.entries()) {
            if (e.keyText() != null && e.keyText().toLowerCase(Locale.ROOT).equals(k)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static List<String> append(List<String> path, String segment) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(segment);
        return p;
    }
}
