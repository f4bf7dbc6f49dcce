package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raftlens.timelineFromLogs} over JSON-RPC with an LSP4J client: real orderer logs (raft-runtime's
 * {@code src/test/resources/logs/real/}, sources in its SOURCES.md) of a five-orderer BYFN network against the
 * five-orderer sample's configtx.yaml, a troubled channel's findings on the consenters they are about, bad input,
 * and the editor's own launch read as a log.
 */
@Timeout(120)
class LogTimelineProtocolTest {

    private static final String SOURCE = LogTimelineDiagnostics.SOURCE;

    @TempDir
    Path dir;

    static Path realLog(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("raft-runtime/src/test/resources/logs/real"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("raft-runtime/src/test/resources/logs/real not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("raft-runtime/src/test/resources/logs/real").resolve(name);
    }

    private static List<Diagnostic> timelineDiagnostics(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().filter(d -> SOURCE.equals(d.getSource())).toList();
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        throw new AssertionError(needle + " not in the text");
    }

    @Test
    void realByfnLogsGiveTheWebviewAndMarkTheLeadersConsenterLines() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 7050);
        String text = Files.readString(configtx);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, text);
            JsonObject r = client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri, "logs", List.of(
                    realLog("fabric-1.4-byfn-orderer3.log").toString(), realLog("fabric-1.4-byfn-orderer2.log").toUri().toString())));
            assertEquals("Election timeline from fabric-1.4-byfn-orderer3.log, fabric-1.4-byfn-orderer2.log", r.get("title").getAsString());
            String md = r.get("markdown").getAsString();
            assertTrue(md.contains("byfn-sys-channel") && md.contains("mychannel"), md);
            assertTrue(r.get("svg").getAsString().startsWith("<svg"), r.get("svg").getAsString());
            assertEquals(List.of("byfn-sys-channel", "mychannel"), r.get("channels").getAsJsonArray().asList().stream()
                    .map(e -> e.getAsString()).toList());
            assertEquals(0, r.getAsJsonArray("findings").size(), "a clean bootstrap election: nothing to act on");
            assertTrue(r.get("json").getAsString().contains("\"byfn-sys-channel\""), r.get("json").getAsString());
            // node=N is the N-th consenter: 3 and 2 wrote these logs, 5 led the system channel
            JsonObject consenters = r.getAsJsonObject("consenters");
            assertEquals("orderer3.example.com:7052", consenters.get("3").getAsString());
            assertEquals("orderer2.example.com:7051", consenters.get("2").getAsString());
            assertEquals("orderer5.example.com:7054", consenters.get("5").getAsString());

            // the log says: 5 won byfn-sys-channel's term 2 at 17:05:35.890, 3 won mychannel's term 2 at 17:05:52.545
            PublishDiagnosticsParams p = client.awaitDiagnostics(uri, 5_000, "the leaders from the logs",
                    d -> timelineDiagnostics(d).size() == 2);
            List<Diagnostic> ds = timelineDiagnostics(p);
            Diagnostic sys = ds.stream().filter(d -> d.getMessage().getLeft().startsWith("byfn-sys-channel")).findFirst().orElseThrow();
            assertEquals("byfn-sys-channel: node 5 is the last leader in the logs (term 2, since 17:05:35 UTC)", sys.getMessage().getLeft());
            assertEquals(lineOf(text, "Host: orderer5.example.com"), sys.getRange().getStart().getLine());
            assertEquals(DiagnosticSeverity.Information, sys.getSeverity());
            Diagnostic app = ds.stream().filter(d -> d.getMessage().getLeft().startsWith("mychannel")).findFirst().orElseThrow();
            assertEquals("mychannel: node 3 is the last leader in the logs (term 2, since 17:05:52 UTC)", app.getMessage().getLeft());
            assertEquals(lineOf(text, "Host: orderer3.example.com"), app.getRange().getStart().getLine());
            assertEquals("leader", app.getCode().getLeft());

            assertTrue(client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri, "clear", true)).get("cleared").getAsBoolean());
            client.awaitDiagnostics(uri, 5_000, "no timeline diagnostics", d -> timelineDiagnostics(d).isEmpty());
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    /** Fabric 2.5 console lines (etcd raft 3.5 wording), as raft-runtime's FindingsTest writes them. */
    private static final class FabricLog {
        final List<String> lines = new ArrayList<>();
        int seq;

        void log(long ms, String level, String func, int node, String message) {
            lines.add(TIME.format(Instant.ofEpochMilli(T0 + ms)) + " UTC " + String.format("%04x", ++seq) + " " + level
                    + " [orderer.consensus.etcdraft] " + func + " -> " + message + " channel=mychannel node=" + node);
        }

        void refusedPreVote(long ms, int node, int term) {
            log(ms, "INFO", "hup", node, node + " is starting a new election at term " + term);
            log(ms, "INFO", "becomePreCandidate", node, node + " became pre-candidate at term " + term);
            log(ms, "INFO", "poll", node, node + " received MsgPreVoteResp from " + node + " at term " + term);
            log(ms + 1, "INFO", "Step", 1, "1 [logterm: 2, index: 9, vote: 1] rejected MsgPreVote from " + node
                    + " [logterm: 2, index: 7] at term " + term);
            log(ms + 2, "INFO", "poll", node, node + " received MsgPreVoteResp rejection from 1 at term " + term);
            log(ms + 2, "INFO", "poll", node, node + " received MsgPreVoteResp rejection from 2 at term " + term);
            log(ms + 2, "INFO", "stepCandidate", node, node + " has received 1 MsgPreVoteResp votes and 2 vote rejections");
            log(ms + 2, "INFO", "becomeFollower", node, node + " became follower at term " + term);
        }

        void wins(long ms, int node, int fromTerm) {
            log(ms, "INFO", "hup", node, node + " is starting a new election at term " + fromTerm);
            log(ms, "INFO", "becomeCandidate", node, node + " became candidate at term " + (fromTerm + 1));
            log(ms + 3, "INFO", "becomeLeader", node, node + " became leader at term " + (fromTerm + 1));
            log(ms + 3, "INFO", "run", node, "raft.node: " + node + " elected leader " + node + " at term " + (fromTerm + 1));
        }
    }

    @Test
    void findingsLandOnTheConsentersTheyAreAbout() throws Exception {
        FabricLog log = new FabricLog();
        log.wins(0, 1, 1);
        log.refusedPreVote(10_000, 3, 2);
        log.refusedPreVote(15_000, 3, 2);
        log.refusedPreVote(20_000, 3, 2);
        log.log(31_000, "WARN", "stepLeader", 1, "1 stepped down to follower since quorum is not active");
        Path file = dir.resolve("orderers.log");
        Files.write(file, log.lines);
        Path configtx = LiveClient.fiveOrderers(dir, 7050);
        String text = Files.readString(configtx);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, text);
            JsonObject r = client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri, "logs", List.of(file.toString())));
            assertEquals(List.of("pre-votes-rejected", "quorum-lost"), r.getAsJsonArray("findings").asList().stream()
                    .map(f -> f.getAsJsonObject().get("kind").getAsString()).sorted().toList(), r.toString());
            List<Diagnostic> ds = timelineDiagnostics(client.awaitDiagnostics(uri, 5_000, "two findings",
                    d -> timelineDiagnostics(d).stream().filter(x -> x.getSeverity() != DiagnosticSeverity.Information).count() == 2));
            Diagnostic refused = ds.stream().filter(d -> "pre-votes-rejected".equals(d.getCode().getLeft())).findFirst().orElseThrow();
            assertEquals(DiagnosticSeverity.Warning, refused.getSeverity());
            assertEquals(lineOf(text, "Host: orderer3.example.com"), refused.getRange().getStart().getLine());
            assertTrue(refused.getMessage().getLeft().startsWith("mychannel: node 3's pre-votes were rejected "), refused.getMessage().getLeft());
            Diagnostic quorum = ds.stream().filter(d -> "quorum-lost".equals(d.getCode().getLeft())).findFirst().orElseThrow();
            assertEquals(DiagnosticSeverity.Error, quorum.getSeverity());
            assertEquals(lineOf(text, "Host: orderer1.example.com"), quorum.getRange().getStart().getLine());

            // an edit that moves the consenters moves the diagnostics with them
            String edited = "# a comment\n" + text;
            client.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                    new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(edited))));
            int moved = lineOf(edited, "Host: orderer3.example.com");
            client.awaitDiagnostics(uri, 5_000, "the refused pre-votes on the moved line", d -> timelineDiagnostics(d).stream()
                    .anyMatch(x -> "pre-votes-rejected".equals(x.getCode().getLeft()) && x.getRange().getStart().getLine() == moved));
        }
    }

    @Test
    void consentersMatchByRaftIdOrByTheHostInTheLogsName() {
        Range at = new Range(new Position(0, 0), new Position(0, 0));
        ConsenterLayout layout = new ConsenterLayout("P", at, at, List.of(
                new ConsenterLayout.Entry(1, "orderer.example.com", 7050, at),
                new ConsenterLayout.Entry(2, "orderer2.example.com", 8050, at),
                new ConsenterLayout.Entry(3, "orderer3.example.com", 9050, at)));
        assertEquals(Optional.of(2L), LogNodes.consenter(layout, "2").map(ConsenterLayout.Entry::id));
        assertEquals(Optional.of(3L), LogNodes.consenter(layout, "orderer3.example.com").map(ConsenterLayout.Entry::id));
        assertEquals(Optional.of(3L), LogNodes.consenter(layout, "fabric-1.4-byfn-orderer3").map(ConsenterLayout.Entry::id));
        assertEquals(Optional.of(1L), LogNodes.consenter(layout, "orderer").map(ConsenterLayout.Entry::id));
        assertEquals(Optional.of(2L), LogNodes.consenter(layout, "orderer2.example.com:8050").map(ConsenterLayout.Entry::id));
        assertEquals(Optional.empty(), LogNodes.consenter(layout, "4"));
        assertEquals(Optional.empty(), LogNodes.consenter(layout, "58538a766adc54bf"));
    }

    @Test
    void badInputIsAClearErrorAndAShownMessage() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 7050);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            String missing = dir.resolve("orderer9.log").toString();
            JsonObject r = client.execute(LogTimelines.COMMAND, Map.of("uri", uri, "logs", List.of(missing))).getAsJsonObject();
            assertEquals("raftlens.timelineFromLogs: no such log file: " + missing, r.get("error").getAsString());
            assertEquals(MessageType.Error, client.messages.take().getType());
            r = client.execute(LogTimelines.COMMAND, Map.of("uri", uri, "logs", List.of(dir.toString()))).getAsJsonObject();
            assertTrue(r.get("error").getAsString().contains("is a directory"), r.toString());
            r = client.execute(LogTimelines.COMMAND, Map.of("uri", uri)).getAsJsonObject();
            assertTrue(r.get("error").getAsString().contains("no log files given and no network is running for configtx.yaml"), r.toString());
            // a log without election lines is an answer, not an error
            Path quiet = dir.resolve("quiet.log");
            Files.writeString(quiet, "2026-01-01 10:00:00.000 UTC 0001 INFO [orderer.common.server] Main -> Starting orderer\n");
            r = client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri, "logs", List.of(quiet.toString())));
            assertTrue(r.get("markdown").getAsString().startsWith("No Raft election lines found in 1 lines"), r.toString());
        }
    }

    @Test
    void withoutLogsTheEditorsOwnLaunchIsTheLog() throws Exception {
        // tests log at ERROR (logback-test.xml); the editor's server logs Raft at INFO, as the launch's log holds it.
        // Here those lines go to the capture only, not to the test's stderr.
        ch.qos.logback.classic.Logger raft = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("orderer.consensus.etcdraft");
        ch.qos.logback.classic.Level was = raft.getLevel();
        raft.setLevel(ch.qos.logback.classic.Level.INFO);
        raft.setAdditive(false);
        raft.addAppender(LaunchLog.get());
        int base = 23050;
        Path configtx = LiveClient.fiveOrderers(dir, base);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            client.executeOk(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0));
            String leader = LensReading.leaderHost(client.awaitLenses(uri, 10_000, "a leader",
                    l -> LensReading.count(LensReading.statuses(l), "leader") == 1));
            JsonObject r = client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri));
            assertTrue(r.get("title").getAsString().startsWith("Election timeline from the network launched from configtx.yaml at "),
                    r.get("title").getAsString());
            assertEquals(List.of("mychannel"), r.get("channels").getAsJsonArray().asList().stream().map(e -> e.getAsString()).toList());
            assertTrue(r.get("markdown").getAsString().contains("| leader 0 → " + r.getAsJsonObject("consenters").entrySet().stream()
                    .filter(e -> e.getValue().getAsString().startsWith(leader + ":")).findFirst().orElseThrow().getKey() + " |"), r.toString());
            assertTrue(r.get("svg").getAsString().startsWith("<svg"));
            int port = r.getAsJsonObject("consenters").entrySet().stream().map(e -> e.getValue().getAsString())
                    .filter(a -> a.startsWith(leader + ":")).map(a -> Integer.parseInt(a.substring(a.indexOf(':') + 1)))
                    .findFirst().orElseThrow(() -> new AssertionError(r.toString()));
            assertTrue(port >= base && port < base + 5, r.toString());
            client.awaitDiagnostics(uri, 5_000, "the leader from the launch's log", d -> timelineDiagnostics(d).stream()
                    .anyMatch(x -> x.getMessage().getLeft().startsWith("mychannel: node ") && x.getMessage().getLeft().contains("is the last leader")));
            assertTrue(client.executeOk(LiveCommands.STOP, Map.of("uri", uri)).get("stopped").getAsBoolean());
        } finally {
            raft.detachAppender(LaunchLog.get());
            raft.setAdditive(true);
            raft.setLevel(was);
        }
    }

    /** From the timeline helper's first version of this command (main, e3487f5): a short refused-pre-vote log plus a real one. */
    @Test
    void refusedPreVotesAmongRealLinesOfOneChannel() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 7050);
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
        Path orderer3 = Files.writeString(dir.resolve("orderer3.log"), log.toString());
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            JsonObject r = client.executeOk(LogTimelines.COMMAND, Map.of("uri", uri, "logs",
                    List.of(orderer3.toString(), realLog("fabric-1.4-byfn-orderer3.log").toString()), "channel", "mychannel"));
            assertTrue(r.get("markdown").getAsString().contains("**leader at term 2**"), r.toString());
            assertTrue(r.get("svg").getAsString().startsWith("<svg"));
            assertEquals("pre-votes-rejected", r.getAsJsonArray("findings").get(0).getAsJsonObject().get("kind").getAsString());
            List<Diagnostic> found = timelineDiagnostics(client.awaitDiagnostics(uri, 5_000, "the refused pre-votes",
                    d -> timelineDiagnostics(d).stream().anyMatch(x -> "pre-votes-rejected".equals(x.getCode().getLeft()))))
                    .stream().filter(x -> "pre-votes-rejected".equals(x.getCode().getLeft())).toList();
            assertEquals(1, found.size(), found.toString());
            String line = Files.readAllLines(configtx).get(found.get(0).getRange().getStart().getLine());
            assertTrue(line.contains("orderer3.example.com"), "on consenter 3's line, got: " + line);
            assertTrue(found.get(0).getMessage().getLeft().startsWith("mychannel: node 3's pre-votes were rejected 3 times"),
                    found.get(0).getMessage().getLeft());
        }
    }
}
