package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.yaml.Range;
import java.util.Optional;

/** One policy: {@code Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}}. */
public record Policy(String name, Range keyRange, Range range, Optional<Sourced<String>> type, Optional<Sourced<String>> rule) {}
