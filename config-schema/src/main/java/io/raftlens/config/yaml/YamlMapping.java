package io.raftlens.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mapping after merge keys are applied. {@link #entries()} holds the explicit entries in source order
 * followed by the inherited ones (each marked with its {@link Inheritance}); explicit keys override
 * merged ones and earlier merge sources override later ones, as in go-yaml. The {@code <<} entries
 * themselves are not in {@code entries()}; they are described by {@link #merges()}.
 */
public record YamlMapping(List<YamlEntry> entries, List<MergeSource> merges, boolean flow, Range range,
                          Optional<AnchorDef> anchor, Optional<AliasUse> via) implements YamlNode {

    /** One mapping merged with {@code <<}: the anchor name (null for an inline mapping) and where it is merged. */
    public record MergeSource(String anchor, Range range) {}

    public YamlMapping {
        entries = List.copyOf(entries);
        merges = List.copyOf(merges);
    }

    /** The entry with exactly this key. */
    public Optional<YamlEntry> entry(String key) {
        for (YamlEntry e : entries) {
            if (key.equals(e.keyText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The entries whose key matches case-insensitively, the way Fabric (mapstructure) matches field names. */
    public List<YamlEntry> entriesIgnoreCase(String key) {
        List<YamlEntry> found = new ArrayList<>(1);
        String wanted = key.toLowerCase(Locale.ROOT);
        for (YamlEntry e : entries) {
            String k = e.keyText();
            if (k != null && k.toLowerCase(Locale.ROOT).equals(wanted)) {
                found.add(e);
            }
        }
        return found;
    }

    public Optional<YamlNode> get(String key) {
        return entry(key).map(YamlEntry::value);
    }

    /** Entries written in this mapping (not inherited). */
    public List<YamlEntry> ownEntries() {
        return entries.stream().filter(e -> !e.isInherited()).toList();
    }

    /** Nodes are places in a text: identity, not deep structural equality (which would hash whole subtrees). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public YamlMapping viaAlias(AliasUse alias) {
        return new YamlMapping(entries, merges, flow, range, anchor, Optional.of(alias));
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
