package io.raftlens.raft.core.golden;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoldenScriptTest {

    private static final String TEXT = """
            # header

            log-level info
            ----
            ok

            # a comment
            campaign 1
            ----
            INFO 1 is starting a new election at term 0
            INFO 1 became candidate at term 1
            """;

    @Test
    void parsesBlocksWithCommentsAndRendersThemBackUnchanged() {
        GoldenScript script = GoldenScript.parse("t.txt", TEXT);
        assertEquals(2, script.blocks().size());
        GoldenScript.Block campaign = script.blocks().get(1);
        assertEquals("campaign 1", campaign.command());
        assertEquals(8, campaign.line());
        assertEquals(List.of("# a comment"), campaign.comments());
        assertEquals(2, campaign.expected().size());
        assertEquals(TEXT, script.render(script.blocks().stream().map(GoldenScript.Block::expected).toList()));
    }

    @Test
    void aCommandWithoutSeparatorIsReportedWithFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenScript.parse("broken.txt", "campaign 1\nok\n"));
        assertTrue(e.getMessage().startsWith("broken.txt:1: command 'campaign 1' must be followed by"), e.getMessage());
    }
}
