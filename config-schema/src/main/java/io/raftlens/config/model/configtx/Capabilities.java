package io.raftlens.config.model.configtx;

import io.raftlens.config.value.Bound;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A capability set ({@code V2_0: true}). Only names set to {@code true} are encoded by configtxgen.
 *
 * @param present whether a Capabilities key exists
 */
public record Capabilities(boolean present, Range keyRange, List<Capability> all) {

    /** One capability name and whether it is enabled. */
    public record Capability(String name, boolean enabled, YamlEntry entry) {
        public Range keyRange() {
            return entry.key().range();
        }
    }

    public Capabilities {
        all = List.copyOf(all);
    }

    public boolean enabled(String name) {
        return all.stream().anyMatch(c -> c.enabled() && c.name().equals(name));
    }

    public List<Capability> enabledOnes() {
        return all.stream().filter(Capability::enabled).toList();
    }

    static Capabilities of(Bound.BoundStruct group, Range groupKeyRange) {
        Optional<Bound.BoundField> f = group.field("Capabilities");
        if (f.isEmpty()) {
            return new Capabilities(false, groupKeyRange, List.of());
        }
        return of(f.get().value(), f.get().entry().key().range());
    }

    static Capabilities of(Bound value, Range keyRange) {
        List<Capability> caps = new ArrayList<>();
        if (value instanceof Bound.BoundMap map) {
            for (Bound.BoundMapEntry e : map.entries()) {
                boolean on = e.value() instanceof Bound.BoundScalar s && Boolean.TRUE.equals(s.value());
                caps.add(new Capability(e.key(), on, e.entry()));
            }
        }
        return new Capabilities(true, keyRange, caps);
    }
}
