package io.raftlens.config.yaml;

import java.util.Optional;

/**
 * A node of a parsed YAML document with its source range. A node reached through an alias
 * ({@code *X}) is a view of the anchored node (same content and range) that also remembers the alias
 * use in {@link #via()}.
 */
public sealed interface YamlNode permits YamlMapping, YamlSequence, YamlScalar {

    /** Where the node's text is (for an alias view: where the anchored node is defined). */
    Range range();

    /** The anchor defined on this node ({@code &X}), if any. */
    Optional<AnchorDef> anchor();

    /** The alias this node was reached through ({@code *X}), if any. */
    Optional<AliasUse> via();

    /** The same node seen through an alias. */
    YamlNode viaAlias(AliasUse alias);

    /** A short name of the node type for messages: "a mapping", "a list", "a string". */
    String describe();
}
