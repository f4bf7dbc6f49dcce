package io.raftlens.config.model;

import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;
import java.util.Optional;
import java.util.function.Function;

/**
 * A configuration value and where it came from: written here, inherited through a merge key, or
 * Fabric's default.
 *
 * @param value the effective value (Fabric's default when not written)
 * @param entry the YAML entry it was read from; null for a default
 * @param range the value's text; for a default, the section that would hold it
 * @param outer set when the value is written in a section that was itself merged in (a consenter option
 *              inside &OrdererDefaults' EtcdRaft, seen from a profile); null otherwise
 */
public record Sourced<T>(T value, YamlEntry entry, Range range, Inheritance outer) {

    public Sourced(T value, YamlEntry entry, Range range) {
        this(value, entry, range, null);
    }

    /** The same value seen inside a section inherited through {@code outer} (no-op when null or already inherited). */
    public Sourced<T> within(Inheritance outerSection) {
        if (outerSection == null || entry == null || entry.isInherited()) {
            return this;
        }
        return new Sourced<>(value, entry, range, outerSection);
    }

    public static <T> Sourced<T> ofDefault(T value, Range sectionRange) {
        return new Sourced<>(value, null, sectionRange);
    }

    public boolean isDefault() {
        return entry == null;
    }

    /** The key's range, or the value range for a default. */
    public Range keyRange() {
        return entry == null ? range : entry.key().range();
    }

    public Optional<Inheritance> inheritance() {
        return entry == null ? Optional.empty() : entry.inherited().or(() -> Optional.ofNullable(outer));
    }

    /** "Fabric default", "inherited from &OrdererDefaults, line 73" or "set at line 12". */
    public String origin() {
        if (entry == null) {
            return "Fabric default";
        }
        return inheritance().map(Inheritance::describe)
                .orElse("set at line " + (entry.key().range().start().line() + 1));
    }

    public <U> Sourced<U> map(Function<T, U> f) {
        return new Sourced<>(f.apply(value), entry, range, outer);
    }
}
