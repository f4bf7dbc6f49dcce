package io.raftlens.config.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void linesAreOneBasedSortedByPathThenPositionWithSummary() {
        assertEquals("""
                net/configtx.yaml:4:1: information: placeholder ${ORG} is kept as text [YAML001]
                net/configtx.yaml:13:21: error: ElectionTick (1) must be greater than HeartbeatTick (1) [RAFT001]
                net/configtx.yaml:81:7: warning: 4 consenters tolerate 1 failure, as 3 do [RAFT010]
                net/orderer.yaml:41:20: error: Bootstrap method: 'file' is forbidden, since system channel is no longer supported [ORD001]
                2 errors, 1 warnings
                """, new TextReport().render(ReportFixtures.results()));
    }

    @Test
    void noFindingsIsJustTheSummary() {
        assertEquals("0 errors, 0 warnings\n", new TextReport().render(List.of()));
    }
}
