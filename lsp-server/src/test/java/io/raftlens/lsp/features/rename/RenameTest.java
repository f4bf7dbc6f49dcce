package io.raftlens.lsp.features.rename;

import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.r;
import static io.raftlens.lsp.features.FabricAssert.te;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.features.FabricAssert;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class RenameTest {

    static final String TEXT = lines(
            "Orderer: &OrdererDefaults",
            "  BatchTimeout: 2s   # not *OrdererDefaults",
            "Profiles:",
            "  A:",
            "    Orderer:",
            "      <<: *OrdererDefaults",
            "  B:",
            "    Orderer: *Ord|ererDefaults");

    @Test
    void renamesTheAnchorAndEveryAliasButNotComments() {
        FabricAssert.Doc doc = doc(TEXT);
        assertEquals(r(7, 14, 7, 29), SERVICE.prepareRename(doc.model(), doc.cursor()).orElseThrow());
        WorkspaceEdit edit = SERVICE.rename(doc.model(), doc.cursor(), "RaftDefaults").orElseThrow();
        assertEquals(Map.of(doc.model().uri(), List.of(
                te(0, 10, 0, 25, "RaftDefaults"),
                te(5, 11, 5, 26, "RaftDefaults"),
                te(7, 14, 7, 29, "RaftDefaults"))), edit.getChanges());
    }

    @Test
    void nothingToRenameOnAPlainKeyAndInvalidNamesAreRefused() {
        FabricAssert.Doc plain = doc(TEXT.replace("|", "").replace("BatchTimeout", "Batch|Timeout"));
        assertTrue(SERVICE.prepareRename(plain.model(), plain.cursor()).isEmpty());
        FabricAssert.Doc doc = doc(TEXT);
        assertThrows(ResponseErrorException.class, () -> SERVICE.rename(doc.model(), doc.cursor(), "two words"));
    }
}
