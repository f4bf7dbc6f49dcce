package io.raftlens.lsp.features.hover;

import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where values come from: a section's keys inherited through {@code <<: *anchor}, or a value that is an
 * alias of an anchored node.
 */
final class InheritanceHover implements HoverParticipant {

    @Override
    public void hover(HoverRequest request, List<String> sections) {
        YamlEntry entry = request.at().entry();
        YamlNode value = entry.value();
        if (value.via().isPresent()) {
            String name = value.via().get().name();
            sections.add("Value of `&" + name + "`, line " + (value.range().start().line() + 1));
        }
        if (value instanceof YamlMapping m && value.via().isEmpty()) {
            Map<String, List<String>> byOrigin = new LinkedHashMap<>();
            for (YamlEntry e : m.entries()) {
                if (e.isInherited()) {
                    Inheritance i = e.inherited().get();
                    byOrigin.computeIfAbsent(i.describe(), k -> new ArrayList<>()).add(e.keyText());
                }
            }
            byOrigin.forEach((origin, keys) -> sections.add(
                    Character.toUpperCase(origin.charAt(0)) + origin.substring(1) + ": " + String.join(", ", keys)));
        }
    }
}
