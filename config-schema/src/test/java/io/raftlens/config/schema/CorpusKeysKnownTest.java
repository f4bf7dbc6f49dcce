package io.raftlens.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key of every real Fabric file in the corpus is known to the schema; only Fabric-3-rejected keys are marked removed. */
class CorpusKeysKnownTest {

    private final SchemaCatalog catalog = SchemaCatalog.standard();

    static Stream<Path> corpus() {
        return CorpusFiles.all().stream();
    }

    @Test
    void corpusIsComplete() {
        assertEquals(24, CorpusFiles.all().size(), "copies of /work/shared/corpus");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyKeyIsKnown(Path file) {
        FileKind kind = CorpusFiles.kind(file);
        Set<String> unknown = new TreeSet<>();
        Set<String> removedUnderV3 = new TreeSet<>();
        for (Object doc : CorpusFiles.documents(file)) {
            for (List<String> path : CorpusFiles.keyPaths(doc)) {
                Optional<KeyInfo> info = catalog.keyInfo(kind, path);
                if (info.isEmpty()) {
                    unknown.add(String.join(".", path));
                } else if (info.get().isRemovedIn(FabricVersion.V3)) {
                    removedUnderV3.add(String.join(".", path));
                }
            }
        }
        assertEquals(Set.of(), unknown, file.getFileName() + ": keys the schema does not know");
        boolean invalidUnderV3 = CorpusFiles.INVALID_UNDER_V3.contains(file.getFileName().toString());
        if (invalidUnderV3) {
            assertFalse(removedUnderV3.isEmpty(), file.getFileName() + " uses keys Fabric 3 rejects");
            assertTrue(removedUnderV3.stream().allMatch(p -> p.contains("Kafka")), removedUnderV3.toString());
        } else {
            assertEquals(Set.of(), removedUnderV3, file.getFileName() + ": v3-valid file with removed keys");
        }
    }
}
