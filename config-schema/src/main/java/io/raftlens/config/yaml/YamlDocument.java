package io.raftlens.config.yaml;

import java.util.Map;
import java.util.Optional;

/**
 * One document of a YAML stream.
 *
 * @param root    the top node; empty for an empty document
 * @param range   the whole document
 * @param anchors anchors defined in the document, by name (the last definition wins, as in YAML)
 * @param complete false when a syntax error cut the document short (the tree holds what came before it)
 */
public record YamlDocument(Optional<YamlNode> root, Range range, Map<String, AnchorDef> anchors, boolean complete) {

    public YamlDocument {
        anchors = Map.copyOf(anchors);
    }

    public Optional<YamlMapping> rootMapping() {
        return root.filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }
}
