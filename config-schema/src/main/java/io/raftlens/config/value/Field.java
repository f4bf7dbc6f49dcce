package io.raftlens.config.value;

import io.raftlens.config.fabric.FabricVersion;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field of a Fabric configuration struct.
 *
 * @param name     the Go field name; YAML keys match it case-insensitively
 * @param type     its shape
 * @param doc      Fabric's documentation of the field (for hover and schemas)
 * @param versions the Fabric versions that have the field; others reject it as an unknown key
 */
public record Field(String name, FieldType type, String doc, Set<FabricVersion> versions) {

    public Field {
        versions = Set.copyOf(versions);
    }

    public static Field of(String name, FieldType type, String doc) {
        return new Field(name, type, doc, Set.of(FabricVersion.values()));
    }

    public static Field of(String name, ScalarType type, String doc) {
        return of(name, new FieldType.Scalar(type), doc);
    }

    /** Only in these versions. */
    public Field only(FabricVersion... in) {
        return new Field(name, type, doc, Set.of(in));
    }

    /** Only in the releases from {@code addedIn} (e.g. "3.0") up to before {@code removedIn}; either may be null. */
    public Field releases(String addedIn, String removedIn) {
        return new Field(name, type, doc, Arrays.stream(FabricVersion.values())
                .filter(v -> v.within(addedIn, removedIn)).collect(Collectors.toSet()));
    }

    public boolean existsIn(FabricVersion version) {
        return versions.contains(version);
    }
}
