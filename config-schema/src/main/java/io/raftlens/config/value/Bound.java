package io.raftlens.config.value;

import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value read the way Fabric reads it into a Go type. Every bound value keeps its YAML node, so
 * typed views can say where each value is written.
 */
public sealed interface Bound {

    /** The YAML node (for an absent value: the nearest enclosing node). */
    YamlNode node();

    /** Fabric's field path, e.g. {@code Profiles[P].Orderer.BatchSize}. */
    String path();

    default Range range() {
        return node().range();
    }

    /** A scalar. {@code value} is a String, Long, Double, Boolean or java.time.Duration; null when unset or invalid. */
    record BoundScalar(ScalarType type, YamlNode node, String path, Object value, boolean valid,
                       boolean placeholder) implements Bound {

        /** The written text (the file's content for a {@code File:} reference). */
        public String text() {
            return value == null ? "" : String.valueOf(value);
        }
    }

    /** A key of a struct with the entry it was read from. */
    record BoundField(Field field, YamlEntry entry, Bound value) {}

    record BoundStruct(FieldType.Struct type, YamlNode node, String path, Map<String, BoundField> fields) implements Bound {
        public BoundStruct {
            fields = Map.copyOf(fields);
        }

        /** The field by Go name. */
        public Optional<BoundField> field(String goName) {
            return Optional.ofNullable(fields.get(goName));
        }
    }

    record BoundList(YamlNode node, String path, List<Bound> items) implements Bound {
        public BoundList {
            items = List.copyOf(items);
        }
    }

    /** One entry of a map, keeping the user's key text. */
    record BoundMapEntry(String key, YamlEntry entry, Bound value) {}

    record BoundMap(YamlNode node, String path, List<BoundMapEntry> entries) implements Bound {
        public BoundMap {
            entries = List.copyOf(entries);
        }

        public Optional<BoundMapEntry> get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }
    }

    record BoundAny(YamlNode node, String path) implements Bound {}
}
