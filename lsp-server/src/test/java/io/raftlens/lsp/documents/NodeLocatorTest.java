package io.raftlens.lsp.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.yaml.YamlScalar;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLocatorTest {

    private static DocumentModel model(String text) {
        return DocumentModel.build("file:///w/configtx.yaml", 1, text);
    }

    @Test
    void findsTheKeyOrValueAtTheOffsetWithItsPathThroughLists() {
        String text = """
                Defaults: &d
                  BatchTimeout: 2s
                Orderer:
                  <<: *d
                  EtcdRaft:
                    Consenters:
                    - Host: orderer1.example.com
                      Port: 7050
                    - *d
                """;
        DocumentModel m = model(text);
        NodeAt host = NodeLocator.at(m, text.indexOf("orderer1") + 2).orElseThrow();
        assertEquals(List.of("Orderer", "EtcdRaft", "Consenters", "[]", "Host"), host.path());
        assertFalse(host.onKey());
        assertEquals("orderer1.example.com", ((YamlScalar) host.node()).value());
        assertEquals("Host", host.key());

        NodeAt port = NodeLocator.at(m, text.indexOf("Port") + 1).orElseThrow();
        assertTrue(port.onKey());
        assertEquals(List.of("Orderer", "EtcdRaft", "Consenters", "[]", "Port"), port.path());

        // a list item's dash is inside the list but not inside the item: the list itself answers
        NodeAt list = NodeLocator.at(m, text.indexOf("- Host")).orElseThrow();
        assertEquals(List.of("Orderer", "EtcdRaft", "Consenters"), list.path());
        assertSame(list.entry().value(), list.node());
    }

    @Test
    void aDocumentNestedAsDeepAsTheParserAllowsIsWalkedToItsInnermostKey() {
        StringBuilder s = new StringBuilder("# raftlens: configtx\n");
        for (int i = 0; i < 190; i++) { // YamlLimits.DEFAULT.maxDepth is 200
            s.append(" ".repeat(i)).append('k').append(i).append(":\n");
        }
        String text = s.toString();
        DocumentModel m = model(text);
        NodeAt innermost = NodeLocator.at(m, text.indexOf("k189") + 1).orElseThrow();
        assertTrue(innermost.onKey());
        assertEquals(190, innermost.path().size());
        assertEquals("k0", innermost.path().get(0));
        assertEquals("k189", innermost.path().get(189));
    }
}
