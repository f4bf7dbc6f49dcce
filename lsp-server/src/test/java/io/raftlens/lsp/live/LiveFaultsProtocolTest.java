package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults from the editor over JSON-RPC: an isolated follower rejoins and its rejected pre-vote is reported;
 * losing three of five nodes is a "quorum lost" error; editing the file while its network runs warns, and
 * the quick fix restarts the network with the edits; an editor that dies leaves no port bound.
 */
@Timeout(120)
class LiveFaultsProtocolTest {

    @TempDir
    Path dir;

    private static List<Diagnostic> raft(List<Diagnostic> all) {
        return all.stream().filter(d -> "raft".equals(d.getSource())).toList();
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count();
    }

    @Test
    void isolateHealQuorumLossEditRestartAndEditorDeath() throws Exception {
        int base = 17080;
        Path configtx = LiveClient.fiveOrderers(dir, base);
        String uri = configtx.toUri().toString();
        String text = Files.readString(configtx);
        LiveClient client = new LiveClient();
        try {
            client.open(uri, text);
            client.executeOk(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0));
            List<? extends CodeLens> settled = client.awaitLenses(uri, 10_000, "a settled network", LensReading::settled);
            String leader = LensReading.leaderHost(settled);
            String follower = leader.equals("orderer2.example.com") ? "orderer4.example.com" : "orderer2.example.com";
            int followerLine = lineOf(text, "Host: " + follower);
            long term = LensReading.term(LensReading.header(settled).orElseThrow());

            // isolated, the follower campaigns (pre-vote) without raising its term; healed, it follows again
            client.executeOk(LiveCommands.ISOLATE_NODE, Map.of("uri", uri, "node", follower));
            client.awaitLenses(uri, 10_000, follower + " isolated and pre-candidate", l -> l.stream().anyMatch(x ->
                    x.getRange().getStart().getLine() == followerLine && x.getCommand().getTitle().startsWith("isolated · pre-candidate · term " + term)));
            assertTrue(client.lenses(uri).stream().anyMatch(x -> x.getRange().getStart().getLine() == followerLine
                    && x.getCommand().getTitle().equals("Heal")));
            client.executeOk(LiveCommands.HEAL, Map.of("uri", uri, "node", follower));
            Diagnostic rejected = client.awaitDiagnostics(uri, 10_000, "the rejected pre-vote of " + follower, p -> raft(p.getDiagnostics())
                    .stream().anyMatch(d -> d.getMessage().getLeft().contains(follower + " rejoined; its pre-vote at term " + term + " was rejected")))
                    .getDiagnostics().stream().filter(d -> d.getMessage().getLeft().contains(follower + " rejoined")).findFirst().orElseThrow();
            assertEquals(DiagnosticSeverity.Information, rejected.getSeverity());
            assertEquals(followerLine, rejected.getRange().getStart().getLine());
            List<? extends CodeLens> after = client.awaitLenses(uri, 5_000, "the same leader and term", LensReading::settled);
            assertEquals(leader, LensReading.leaderHost(after));
            assertEquals(term, LensReading.term(LensReading.header(after).orElseThrow()));

            // "Make leader": leadership moves to the node asked for, by the lens's own command
            CodeLens makeLeader = after.stream().filter(x -> x.getRange().getStart().getLine() == followerLine
                    && x.getCommand().getTitle().equals("Make leader")).findFirst().orElseThrow();
            client.executeOk(makeLeader.getCommand().getCommand(), Map.of("uri", uri, "to", follower));
            client.awaitLenses(uri, 5_000, follower + " leading", l -> LensReading.settled(l) && LensReading.leaderHost(l).equals(follower));

            // three of five down: no quorum
            for (String host : List.of("orderer1.example.com", "orderer3.example.com", "orderer5.example.com")) {
                client.executeOk(LiveCommands.KILL_NODE, Map.of("uri", uri, "node", host));
            }
            Diagnostic quorum = client.awaitDiagnostics(uri, 5_000, "quorum lost", p -> raft(p.getDiagnostics()).stream()
                    .anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error)).getDiagnostics().stream()
                    .filter(d -> d.getSeverity() == DiagnosticSeverity.Error).findFirst().orElseThrow();
            assertEquals("mychannel: quorum lost: 2/5 nodes running — no leader, ordering halted", quorum.getMessage().getLeft());
            assertEquals(lineOf(text, "Consenters:"), quorum.getRange().getStart().getLine());
            client.awaitLenses(uri, 5_000, "no leader", l -> LensReading.header(l).orElse("").contains("leader none"));

            // an edit while running: a warning, and a quick fix that relaunches with the edited config
            String edited = text.replace("      TickInterval: 500ms", "      TickInterval: 250ms");
            client.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(edited))));
            Diagnostic changed = client.awaitDiagnostics(uri, 5_000, "the config-changed warning", p -> raft(p.getDiagnostics()).stream()
                    .anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Warning && "raft-config-changed".equals(d.getCode().getLeft())))
                    .getDiagnostics().stream().filter(d -> "raft-config-changed".equals(d.getCode().getLeft())).findFirst().orElseThrow();
            assertTrue(changed.getMessage().getLeft().startsWith("The running network uses the configuration launched at"));
            List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = client.server.getTextDocumentService().codeAction(
                    new CodeActionParams(new TextDocumentIdentifier(uri), changed.getRange(), new CodeActionContext(List.of(changed))))
                    .get(10, TimeUnit.SECONDS);
            CodeAction restart = actions.stream().map(Either::getRight).filter(a -> a.getTitle().equals("Restart network with the edited config"))
                    .findFirst().orElseThrow();
            assertEquals(LiveCommands.LAUNCH, restart.getCommand().getCommand());
            client.executeOk(restart.getCommand().getCommand(), Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0));
            client.awaitLenses(uri, 10_000, "the relaunched network settled", LensReading::settled);
            client.awaitDiagnostics(uri, 5_000, "no config-changed warning or quorum error after the restart", p -> raft(p.getDiagnostics()).stream()
                    .noneMatch(d -> d.getSeverity() != DiagnosticSeverity.Information));

            // the editor dies: nothing is left listening
            client.die();
            LiveNetworkProtocolTest.awaitPortsFree(base, 5);
        } finally {
            client.close();
        }
        LiveNetworkProtocolTest.awaitNoNetworkThreads();
    }
}
