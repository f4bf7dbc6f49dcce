package io.raftlens.config.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void designShapeWithZeroBasedLspPositions() {
        String expected = "{\"files\":["
                + "{\"path\":\"net/a/orderer.yaml\",\"kind\":\"orderer\",\"diagnostics\":[]},"
                + "{\"path\":\"net/configtx.yaml\",\"kind\":\"configtx\",\"diagnostics\":["
                + "{\"severity\":\"information\",\"code\":\"YAML001\",\"message\":\"placeholder ${ORG}\\nis kept as text\","
                + "\"range\":{\"start\":{\"line\":3,\"character\":0},\"end\":{\"line\":3,\"character\":4}}},"
                + "{\"severity\":\"error\",\"code\":\"RAFT001\",\"message\":\"ElectionTick (1) must be greater than HeartbeatTick (1)\","
                + "\"range\":{\"start\":{\"line\":12,\"character\":20},\"end\":{\"line\":12,\"character\":21}}},"
                + "{\"severity\":\"warning\",\"code\":\"RAFT010\",\"message\":\"4 consenters tolerate 1 failure, as 3 do\","
                + "\"range\":{\"start\":{\"line\":80,\"character\":6},\"end\":{\"line\":80,\"character\":16}}}]},"
                + "{\"path\":\"net/orderer.yaml\",\"kind\":\"orderer\",\"diagnostics\":["
                + "{\"severity\":\"error\",\"code\":\"ORD001\",\"message\":\"Bootstrap method: 'file' is forbidden, since system channel is no longer supported\","
                + "\"range\":{\"start\":{\"line\":40,\"character\":19},\"end\":{\"line\":40,\"character\":23}}}]}],"
                + "\"summary\":{\"errors\":2,\"warnings\":1}}\n";
        assertEquals(expected, new JsonReport().render(ReportFixtures.results()));
    }
}
