package io.raftlens.lsp.features.inlay;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static io.raftlens.lsp.features.FabricAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.InlayHint;
import org.junit.jupiter.api.Test;

class InlayHintTest {

    static final String CONFIG = lines(
            "Orderer:",
            "  EtcdRaft:",
            "    Consenters:",
            "      - Host: orderer1.example.com",
            "        Port: 7050",
            "      - Host: orderer2.example.com",
            "        Port: 8050",
            "    Options:",
            "      TickInterval: 250ms",
            "      ElectionTick: 8",
            "      SnapshotIntervalSize: 16 MB",
            "  BatchSize:",
            "    AbsoluteMaxBytes: 10 MB",
            "    PreferredMaxBytes: 524288");

    private static List<String> show(List<InlayHint> hints) {
        return hints.stream().map(h -> h.getPosition().getLine() + ":" + h.getPosition().getCharacter() + " "
                + h.getLabel().getLeft()).toList();
    }

    @Test
    void timingByteCountsAndRaftIds() {
        FabricAssert.Doc doc = doc(CONFIG);
        assertEquals(List.of(
                "3:34 raft id 1",
                "5:34 raft id 2",
                "8:25 heartbeat 250ms · election timeout 2s–4s",
                "9:21 heartbeat 250ms · election timeout 2s–4s",
                "10:33 16,777,216 bytes",
                "12:27 10,485,760 bytes"), show(SERVICE.inlayHints(doc.model(), null, LspSettings.defaults(), NEVER)));
    }

    @Test
    void onlyHintsInTheRequestedRange() {
        FabricAssert.Doc doc = doc(CONFIG);
        assertEquals(List.of("12:27 10,485,760 bytes"),
                show(SERVICE.inlayHints(doc.model(), r(11, 0, 13, 0), LspSettings.defaults(), NEVER)));
    }

    @Test
    void switchedOffBySetting() {
        FabricAssert.Doc doc = doc(CONFIG);
        LspSettings off = new LspSettings(FabricVersion.V3, Set.of(), null, false);
        assertEquals(List.of(), SERVICE.inlayHints(doc.model(), null, off, NEVER));
    }
}
