package io.raftlens.config.yaml;

/**
 * Bounds that keep a hostile or broken file from exhausting memory, stack or time. Real configtx.yaml
 * files are a few KB with a few hundred nodes, so the limits are far above any real configuration.
 *
 * @param maxChars         largest accepted text
 * @param maxDepth         deepest nesting of mappings and lists
 * @param maxExpandedNodes nodes in a document counted with every alias expanded (stops alias bombs)
 * @param maxAliases       alias uses per document
 */
public record YamlLimits(int maxChars, int maxDepth, long maxExpandedNodes, int maxAliases) {

    public static final YamlLimits DEFAULT = new YamlLimits(8 * 1024 * 1024, 200, 1_000_000, 20_000);
}
