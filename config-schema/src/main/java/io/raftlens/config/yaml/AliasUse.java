package io.raftlens.config.yaml;

/** An alias {@code *name}; {@code range} covers the alias token. */
public record AliasUse(String name, Range range) {}
