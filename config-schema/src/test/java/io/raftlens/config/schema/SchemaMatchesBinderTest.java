package io.raftlens.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.model.configtx.ConfigtxSchema;
import io.raftlens.config.value.Field;
import io.raftlens.config.value.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema as {@link SchemaCatalog} reads it (editors, hover, completion) and the binder's Go-struct
 * mirror generated from it at build time ({@code ConfigtxKeys}, validation) describe the same configtx.yaml:
 * the same keys, and the same keys limited to one Fabric release. Both read the one schema; this checks that
 * they read it alike ($ref merging, maps, version limits).
 */
class SchemaMatchesBinderTest {

    private final SchemaCatalog catalog = SchemaCatalog.standard();
    private final Set<String> mismatches = new TreeSet<>();

    @Test
    void configtxKeysAgree() {
        compare(ConfigtxSchema.TOP_LEVEL, new ArrayList<>(), 0);
        assertEquals(Set.of(), mismatches);
    }

    private void compare(FieldType type, List<String> path, int depth) {
        if (depth > 12) {
            return;
        }
        if (type instanceof FieldType.Struct struct) {
                List<String> schemaKeys = catalog.children(FileKind.CONFIGTX, path).stream()
                        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
                for (Field field : struct.fields()) {
                    List<String> child = new ArrayList<>(path);
                    child.add(field.name());
                    Optional<KeyInfo> info = catalog.keyInfo(FileKind.CONFIGTX, child);
                    if (info.isEmpty() || !schemaKeys.contains(field.name().toLowerCase(Locale.ROOT))) {
                        mismatches.add("schema lacks " + String.join(".", child));
                        continue;
                    }
                    boolean binderRemovedIn3 = !field.existsIn(FabricVersion.V3);
                    boolean insideRemoved = path.stream().anyMatch(k -> k.equalsIgnoreCase("Kafka"));
                    if (!insideRemoved && binderRemovedIn3 != info.get().isRemovedIn(FabricVersion.V3)) {
                        mismatches.add("removed-in-3 differs for " + String.join(".", child));
                    }
                    boolean binderAddedIn3 = !field.existsIn(FabricVersion.V2_5);
                    if (binderAddedIn3 != "3.0".equals(info.get().addedIn())) {
                        mismatches.add("added-in-3 differs for " + String.join(".", child));
                    }
                    compare(field.type(), child, depth + 1);
                }
                for (KeyInfo key : catalog.children(FileKind.CONFIGTX, path)) {
                    if (struct.field(key.name()).isEmpty()) {
                        mismatches.add("binder lacks " + String.join(".", key.path()));
                    }
                }
        } else if (type instanceof FieldType.ListOf list) {
            List<String> item = new ArrayList<>(path);
            item.add("[]");
            compare(list.element(), item, depth + 1);
        } else if (type instanceof FieldType.MapOf map) {
            List<String> entry = new ArrayList<>(path);
            entry.add("SomeName");
            compare(map.value(), entry, depth + 1);
        }
    }
}
