package io.raftlens.lsp.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

class CursorContextTest {

    /** A block mapping nested {@code depth} levels, one key per level, and a line for typing at the bottom. */
    private static DocumentModel nested(int depth) {
        StringBuilder s = new StringBuilder("# raftlens: configtx\n");
        for (int i = 0; i < depth; i++) {
            s.append(" ".repeat(i)).append('k').append(i).append(":\n");
        }
        s.append(" ".repeat(depth)).append("Ti\n");
        return DocumentModel.build("file:///w/configtx.yaml", 1, s.toString());
    }

    @Test
    void aKeyTypedSixtyFourLevelsDownHasItsWholePath() {
        CursorContext c = CursorContext.at(nested(YamlWalker.MAX_DEPTH), new Position(YamlWalker.MAX_DEPTH + 1, YamlWalker.MAX_DEPTH + 2));
        assertEquals(CursorContext.Kind.KEY, c.kind());
        assertEquals("Ti", c.prefix());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < YamlWalker.MAX_DEPTH; i++) {
            expected.add("k" + i);
        }
        assertEquals(expected, c.parentPath());
    }

    @Test
    void deeperThanAnyFabricKeyThereIsNothingToCompleteAndTheWalkStopsEarly() {
        int depth = 3_000;
        CursorContext c = CursorContext.at(nested(depth), new Position(depth + 1, depth + 2));
        assertEquals(CursorContext.Kind.NONE, c.kind());
    }
}
