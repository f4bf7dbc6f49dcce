package io.raftlens.lsp.features.hover;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

class HoverTest {

    static final String CONFIG = lines(
            "Orderer: &OrdererDefaults",
            "  OrdererType: etcdraft",
            "  BatchTimeout: 2s",
            "  EtcdRaft:",
            "    Options:",
            "      TickInterval: 100ms",
            "      ElectionTick: 20",
            "      HeartbeatTick: 2",
            "Profiles:",
            "  P:",
            "    Orderer:",
            "      <<: *OrdererDefaults",
            "      BatchTimeout: 1s");

    private static Optional<Hover> hover(String textWithCursor) {
        FabricAssert.Doc doc = doc(textWithCursor);
        return SERVICE.hover(doc.model(), doc.cursor(), LspSettings.defaults(), NEVER);
    }

    private static String text(Hover h) {
        return h.getContents().getRight().getValue();
    }

    @Test
    void keyDocumentationWithTypeDefaultAndRange() {
        Hover h = hover(CONFIG.replace("  BatchTimeout: 2s", "  Batch|Timeout: 2s")).orElseThrow();
        assertEquals(r(2, 2, 2, 14), h.getRange());
        String t = text(h);
        assertTrue(t.startsWith("**BatchTimeout**"), t);
        assertTrue(t.contains("Type: `string | integer | null` (duration) · Default: `2s`"), t);
    }

    @Test
    void timingKeysShowTheDerivedHeartbeatAndElectionTimeout() {
        Hover h = hover(CONFIG.replace("      HeartbeatTick: 2", "      Heartbeat|Tick: 2")).orElseThrow();
        assertTrue(text(h).endsWith("Derived: heartbeat 200ms · election timeout 2s–4s (TickInterval 100ms × HeartbeatTick 2; "
                + "election after 20–40 ticks, randomized by etcd/raft)"), text(h));
    }

    @Test
    void aMergedSectionSaysWhereItsValuesComeFrom() {
        Hover h = hover(CONFIG.replace("    Orderer:\n      <<", "    Ord|erer:\n      <<")).orElseThrow();
        assertTrue(text(h).endsWith("Inherited from &OrdererDefaults, line 1: OrdererType, EtcdRaft"), text(h));
    }

    @Test
    void versionNotesForKeysRemovedInFabric3() {
        Hover h = hover(lines("Orderer:", "  Kaf|ka:", "    Brokers: []")).orElseThrow();
        assertTrue(text(h).contains("⚠ Removed in Fabric 3"), text(h));
    }

    @Test
    void nothingOnUnknownKeysOrOtherYaml() {
        assertTrue(hover(lines("Orderer:", "  Bat|chTimeOt: 2s")).isEmpty());
        FabricAssert.Doc doc = doc(lines("Orderer:", "  Batch|Timeout: 2s"), "/work/test/values.yaml");
        assertTrue(SERVICE.hover(doc.model(), doc.cursor(), LspSettings.defaults(), NEVER).isEmpty());
    }
}
