package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raftlens.timelineFromLogs} over the wire: the timeline of real orderer logs comes back as Markdown, SVG
 * and JSON, and the findings land on the matching consenter lines of the open configtx.yaml.
 */
class LogTimelineProtocolTest {

    @TempDir
    Path tmp;

    @Test
    void timelineAndFindingsOnTheConsenters() throws Exception {
        Path configtx = LiveClient.fiveOrderers(tmp, 7050);
        String uri = configtx.toUri().toString();
        // Fabric 2.x lines (format of common/flogging): node 3's pre-votes refused by 1 in three campaigns.
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String t = "2026-01-01 10:00:0" + i + ".000 UTC 00" + (10 + i) + " INFO [orderer.consensus.etcdraft] ";
            log.append(t).append("hup -> 3 is starting a new election at term 2 channel=mychannel node=3\n");
            log.append(t).append("becomePreCandidate -> 3 became pre-candidate at term 2 channel=mychannel node=3\n");
            log.append(t).append("poll -> 3 received MsgPreVoteResp rejection from 1 at term 2 channel=mychannel node=3\n");
            log.append(t).append("becomeFollower -> 3 became follower at term 2 channel=mychannel node=3\n");
        }
        Path orderer3 = Files.writeString(tmp.resolve("orderer3.log"), log.toString());
        Path real = Path.of("../raft-runtime/src/test/resources/logs/real/fabric-1.4-byfn-orderer3.log").toAbsolutePath();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            JsonObject r = client.executeOk(LiveCommands.TIMELINE_FROM_LOGS,
                    Map.of("uri", uri, "logs", List.of(orderer3.toString(), real.toString()), "channel", "mychannel"));
            assertTrue(r.get("markdown").getAsString().contains("**leader at term 2**"), r.toString());
            assertTrue(r.get("svg").getAsString().startsWith("<svg"));
            assertEquals("pre-votes-rejected", r.getAsJsonArray("findings").get(0).getAsJsonObject().get("kind").getAsString());

            List<Diagnostic> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                PublishDiagnosticsParams p = client.diagnostics.poll(1, TimeUnit.SECONDS);
                if (p != null && p.getUri().equals(uri)) {
                    p.getDiagnostics().stream().filter(d -> "raft-log".equals(d.getSource())).forEach(found::add);
                }
            }
            assertEquals(1, found.size(), found.toString());
            Diagnostic d = found.get(0);
            String line = Files.readAllLines(configtx).get(d.getRange().getStart().getLine());
            assertTrue(line.contains("orderer3.example.com"), "on consenter 3's line, got: " + line);
            assertTrue(d.getMessage().getLeft().startsWith("orderer logs, channel mychannel: node 3's pre-votes were rejected 3 times"), d.getMessage().getLeft());
        }
    }
}
