package io.raftlens.config.yaml;

import java.util.List;
import java.util.Optional;

/** A sequence (YAML list), block ({@code - a}) or flow ({@code [a, b]}). */
public record YamlSequence(List<YamlNode> items, boolean flow, Range range,
                           Optional<AnchorDef> anchor, Optional<AliasUse> via) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
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
