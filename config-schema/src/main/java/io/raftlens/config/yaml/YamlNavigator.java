package io.raftlens.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds what is at a position in a parsed document, for editors: the chain of mapping entries and list
 * items from the root down to the innermost node containing the position (written text only; inherited
 * merge entries point elsewhere and are skipped).
 */
public final class YamlNavigator {

    /** One step from a parent: a mapping entry (key, entry) or a list item (index, node). */
    public record Step(String key, int index, YamlEntry entry, YamlNode node) {
        public boolean isKey() {
            return key != null;
        }
    }

    private YamlNavigator() {
    }

    /** The steps to the innermost node at {@code p} in the document containing it. */
    public static List<Step> pathAt(ParsedYaml yaml, Position p) {
        for (YamlDocument doc : yaml.documents()) {
            if (doc.root().isPresent() && doc.range().contains(p)) {
                List<Step> steps = new ArrayList<>();
                descend(doc.root().get(), p, steps, 0);
                return steps;
            }
        }
        return List.of();
    }

    /** The entry whose key is at {@code p}, if the position is on a key. */
    public static Optional<YamlEntry> keyAt(ParsedYaml yaml, Position p) {
        List<Step> steps = pathAt(yaml, p);
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            if (s.entry() != null && s.entry().key().range().contains(p)) {
                return Optional.of(s.entry());
            }
        }
        return Optional.empty();
    }

    /** The key names from the root to {@code p}, list indexes left out: e.g. [Profiles, P, Orderer, EtcdRaft]. */
    public static List<String> keyPathAt(ParsedYaml yaml, Position p) {
        return pathAt(yaml, p).stream().filter(Step::isKey).map(Step::key).toList();
    }

    private static void descend(YamlNode node, Position p, List<Step> steps, int depth) {
        if (depth > 200) {
            return;
        }
        if (node instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                if (e.isInherited()) {
                    continue;
                }
                Range span = new Range(e.key().range().start(), max(e.key().range().end(), e.value().range().end()));
                if (span.contains(p)) {
                    steps.add(new Step(e.keyText() == null ? "" : e.keyText(), -1, e, e.value()));
                    if (!e.key().range().contains(p) && e.value().via().isEmpty()) {
                        descend(e.value(), p, steps, depth + 1);
                    }
                    return;
                }
            }
        } else if (node instanceof YamlSequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                YamlNode item = s.items().get(i);
                if (item.range().contains(p) || (item.via().isPresent() && item.via().get().range().contains(p))) {
                    steps.add(new Step(null, i, null, item));
                    if (item.via().isEmpty()) {
                        descend(item, p, steps, depth + 1);
                    }
                    return;
                }
            }
        }
    }

    private static Position max(Position a, Position b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
