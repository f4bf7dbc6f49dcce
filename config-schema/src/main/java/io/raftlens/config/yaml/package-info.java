/**
 * Position-aware YAML: {@link io.raftlens.config.yaml.YamlParser#parse(String)} gives a
 * {@link io.raftlens.config.yaml.ParsedYaml} whose nodes know their ranges, anchors, the aliases they
 * were reached through and, for mapping entries brought in by merge keys, where they were inherited from.
 * Problems (syntax, duplicate keys, undefined aliases, bad merges, size limits) are data, never exceptions.
 */
package io.raftlens.config.yaml;
