package io.raftlens.config.yaml;

import java.util.Optional;

/**
 * One key/value pair of a mapping. {@code inherited} is present when the pair came in through a
 * merge key; key and value then point at the text of the merged mapping.
 */
public record YamlEntry(YamlNode key, YamlNode value, Optional<Inheritance> inherited) {

    /** The key as text ({@code null} for a non-scalar key, which Fabric never uses). */
    public String keyText() {
        return key instanceof YamlScalar s ? s.value() : null;
    }

    /** Identity, like the nodes it holds. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    public boolean isInherited() {
        return inherited.isPresent();
    }

    YamlEntry inheritedVia(Inheritance how) {
        Inheritance chained = new Inheritance(how.anchor(), how.anchorRange(), how.mergeRange(), inherited);
        return new YamlEntry(key, value, Optional.of(chained));
    }
}
