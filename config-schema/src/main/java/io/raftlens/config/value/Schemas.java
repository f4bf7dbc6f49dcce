package io.raftlens.config.value;

import java.util.List;
import java.util.Optional;

/** Looks up the Fabric field for a key path (completion and hover). */
public final class Schemas {

    private Schemas() {
    }

    /**
     * The type at a key path below {@code root}: struct fields match case-insensitively; map keys (profile,
     * policy, capability names) match anything; lists are entered transparently (pass only keys).
     */
    public static Optional<FieldType> typeAt(FieldType root, List<String> keys) {
        FieldType t = root;
        for (String key : keys) {
            while (t instanceof FieldType.ListOf l) {
                t = l.element();
            }
            if (t instanceof FieldType.Struct s) {
                Optional<Field> f = s.field(key);
                if (f.isEmpty()) {
                    return Optional.empty();
                }
                t = f.get().type();
            } else if (t instanceof FieldType.MapOf m) {
                t = m.value();
            } else {
                return Optional.empty();
            }
        }
        while (t instanceof FieldType.ListOf l && !(l.element() instanceof FieldType.Scalar)) {
            t = l.element();
        }
        return Optional.of(t);
    }

    /** The field a key path ends in (for hover docs), when its parent is a struct. */
    public static Optional<Field> fieldAt(FieldType root, List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return typeAt(root, keys.subList(0, keys.size() - 1))
                .filter(FieldType.Struct.class::isInstance)
                .flatMap(t -> ((FieldType.Struct) t).field(keys.get(keys.size() - 1)));
    }
}
