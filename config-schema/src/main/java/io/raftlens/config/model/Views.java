package io.raftlens.config.model;

import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundField;
import io.raftlens.config.value.Bound.BoundScalar;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers typed views use to read bound values. */
public final class Views {

    private Views() {
    }

    /** A scalar field's value as written (empty when absent, null in YAML or invalid). */
    public static <T> Optional<Sourced<T>> scalar(BoundStruct struct, String field, Class<T> type) {
        Optional<BoundField> f = struct.field(field);
        if (f.isEmpty() || !(f.get().value() instanceof BoundScalar s) || !type.isInstance(s.value())) {
            return Optional.empty();
        }
        return Optional.of(new Sourced<>(type.cast(s.value()), f.get().entry(), s.node().range()));
    }

    /** A scalar field, or Fabric's default when it is absent, null or zero-valued (configtxgen's "unset"). */
    public static <T> Sourced<T> orDefault(BoundStruct struct, String field, Class<T> type, T fallback) {
        return scalar(struct, field, type).filter(s -> !isZero(s.value())).orElse(Sourced.ofDefault(fallback, struct.range()));
    }

    /** A struct-valued field (empty when absent). */
    public static Optional<BoundStruct> struct(BoundStruct struct, String field) {
        return struct.field(field).map(BoundField::value).filter(BoundStruct.class::isInstance).map(BoundStruct.class::cast);
    }

    /** The items of a list field. */
    public static List<Bound> list(BoundStruct struct, String field) {
        return struct.field(field).map(BoundField::value).filter(Bound.BoundList.class::isInstance)
                .map(b -> ((Bound.BoundList) b).items()).orElse(List.of());
    }

    /** The string items of a list field, located. */
    public static List<Sourced<String>> strings(BoundStruct struct, String field) {
        List<Sourced<String>> out = new ArrayList<>();
        Optional<BoundField> f = struct.field(field);
        for (Bound b : list(struct, field)) {
            if (b instanceof BoundScalar s && s.value() instanceof String v) {
                out.add(new Sourced<>(v, f.get().entry(), s.node().range()));
            }
        }
        return out;
    }

    /** How a field's section came into its parent: the field entry's own merge, else the parent's. */
    public static io.raftlens.config.yaml.Inheritance inheritance(BoundField field, io.raftlens.config.yaml.Inheritance outer) {
        return field.entry().inherited().orElse(outer);
    }

    /** The key range of a field, or the struct's range when the field is absent. */
    public static Range keyRange(BoundStruct struct, String field) {
        return struct.field(field).map(f -> f.entry().key().range()).orElse(struct.range());
    }

    private static boolean isZero(Object v) {
        return v == null || (v instanceof Long l && l == 0) || (v instanceof String s && s.isEmpty())
                || (v instanceof java.time.Duration d && d.isZero());
    }
}
