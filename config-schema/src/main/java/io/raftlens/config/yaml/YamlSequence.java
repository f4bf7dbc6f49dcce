package io.raftlens.config.yaml;

import java.util.List;
import java.util.Optional;

/** A sequence (YAML list), block ({@code - a}) or flow ({@code [a, b]}). */
public record YamlSequence(List<YamlNode> items, boolean flow, Range range,
                           Optional<AnchorDef> anchor, Optional<AliasUse> via) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
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
    public YamlSequence viaAlias(AliasUse alias) {
        return new YamlSequence(items, flow, range, anchor, Optional.of(alias));
    }

    @Override
    public String describe() {
        return "a list";
    }
}
