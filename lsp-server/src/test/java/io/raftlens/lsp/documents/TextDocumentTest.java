package io.raftlens.lsp.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

class TextDocumentTest {

    private static TextDocumentContentChangeEvent change(int sl, int sc, int el, int ec, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(sl, sc), new Position(el, ec)), text);
    }

    @Test
    void incrementalChangesApplyInOrderAndTheModelIsCachedPerVersion() {
        TextDocument doc = new TextDocument("file:///w/configtx.yaml", "Orderer:\n  BatchTimeout: 2s\n", 1);
        DocumentModel v1 = doc.model();
        assertSame(v1, doc.model());
        doc.apply(2, List.of(change(1, 16, 1, 17, "5"), change(1, 17, 1, 18, "s\n  OrdererType: etcdraft")));
        assertEquals("Orderer:\n  BatchTimeout: 5s\n  OrdererType: etcdraft\n", doc.text());
        assertEquals(2, doc.version());
        DocumentModel v2 = doc.model();
        assertNotSame(v1, v2);
        assertEquals(2, v2.version());
        assertEquals(2, v2.root().orElseThrow().get("Orderer").map(n -> ((io.raftlens.config.yaml.YamlMapping) n).entries().size()).orElse(0));
    }

    @Test
    void aFullChangeReplacesTheTextAndOutOfRangePositionsClamp() {
        TextDocument doc = new TextDocument("file:///w/configtx.yaml", "a: 1\n", 1);
        doc.apply(2, List.of(new TextDocumentContentChangeEvent("Orderer: {}\n")));
        doc.apply(3, List.of(change(9, 0, 9, 0, "# end\n")));
        assertEquals("Orderer: {}\n# end\n", doc.text());
    }

    @Test
    void scopeIsConfigtxOrOrdererByNameOrModelineOnly() {
        assertTrue(DocumentModel.build("file:///w/configtx-prod.yaml", 1, "a: 1").inScope());
        assertTrue(DocumentModel.build("file:///w/orderer.yml", 1, "a: 1").inScope());
        assertTrue(DocumentModel.build("file:///w/channel.yaml", 1, "# raftlens: configtx\nProfiles: {}").inScope());
        assertEquals(false, DocumentModel.build("file:///w/values.yaml", 1, "Profiles: {}\nOrganizations: []").inScope());
    }

    @Test
    void brokenYamlKeepsTheRestOfTheFile() {
        DocumentModel model = DocumentModel.build("file:///w/configtx.yaml", 1,
                "Orderer:\n  Batch\n  BatchTimeout: 2s\nProfiles:\n  P: {}\n");
        assertTrue(model.root().orElseThrow().entry("Profiles").isPresent());
    }
}
