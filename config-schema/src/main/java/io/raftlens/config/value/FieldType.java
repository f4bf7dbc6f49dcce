package io.raftlens.config.value;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The shape of a Fabric configuration value, mirroring the Go struct Fabric decodes the YAML into. */
public sealed interface FieldType {

    record Scalar(ScalarType type) implements FieldType {}

    /** A Go struct: only these fields are allowed (unknown keys are fatal in Fabric). */
    record Struct(String goName, List<Field> fields) implements FieldType {
        public Struct {
            fields = List.copyOf(fields);
        }

        /** The field a YAML key maps to: exact name first, then case-insensitive, as mapstructure does. */
        public Optional<Field> field(String key) {
            for (Field f : fields) {
                if (f.name().equals(key)) {
                    return Optional.of(f);
                }
            }
            String lower = key.toLowerCase(Locale.ROOT);
            return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
        }
    }

    record ListOf(FieldType element) implements FieldType {}

    /** A Go map with string keys (names chosen by the user: profiles, policies, capabilities). */
    record MapOf(FieldType value) implements FieldType {}

    /** An untyped value ({@code any}) that Fabric never rejects. */
    record Any() implements FieldType {}

    static Scalar scalar(ScalarType t) {
        return new Scalar(t);
    }

    /** Human name of the Go type for messages. */
    default String goName() {
        if (this instanceof Scalar s) {
            return s.type().goName();
        }
        if (this instanceof Struct s) {
            return s.goName();
        }
        if (this instanceof ListOf l) {
            return "[]" + l.element().goName();
        }
        if (this instanceof MapOf m) {
            return "map[string]" + m.value().goName();
        }
        return "any";
    }
}
