package io.raftlens.config.yaml;

/** An anchor definition {@code &name}; {@code range} covers the anchor token. */
public record AnchorDef(String name, Range range) {}
