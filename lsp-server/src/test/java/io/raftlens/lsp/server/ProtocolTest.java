package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An LSP4J client talking JSON-RPC to the server over piped streams and over a 127.0.0.1 socket. */
@Timeout(60)
class ProtocolTest {

    static final String URI = "file:///work/test/configtx.yaml";
    static final String TEXT = "Orderer:\n  OrdererType: etcdraft\n  BatchTimeOt: 2s\n";

    private static InitializeParams initializeParams() {
        InitializeParams init = new InitializeParams();
        init.setProcessId((int) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L).longValue());
        init.setCapabilities(new ClientCapabilities());
        init.setInitializationOptions(JsonParser.parseString("{\"raftlens\": {\"fabricVersion\": \"3\", \"disabledRules\": [\"RAFT015\"]}}"));
        return init;
    }

    private static TextDocumentContentChangeEvent change(int sl, int sc, int el, int ec, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(sl, sc), new Position(el, ec)), text);
    }

    @Test
    void initializeOpenChangeDiagnosticsCompletionHoverCodeActionsShutdownExit() throws Exception {
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        RaftLensLanguageServer server = new RaftLensLanguageServer(exitCode::complete, 50);
        LspLauncher.ClientEnds ends = LspLauncher.startInProcess(server, 1 << 16);
        RecordingClient client = new RecordingClient();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, ends.in(), ends.out());
        launcher.startListening();
        LanguageServer remote = launcher.getRemoteProxy();

        InitializeResult result = remote.initialize(initializeParams()).get(10, TimeUnit.SECONDS);
        assertEquals(TextDocumentSyncKind.Incremental, result.getCapabilities().getTextDocumentSync().getRight().getChange());
        assertEquals("raftlens", result.getServerInfo().getName());
        assertTrue(server.settings().disabledRules().contains("RAFT015"));
        remote.initialized(new InitializedParams());

        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "yaml", 1, TEXT)));
        PublishDiagnosticsParams opened = client.awaitDiagnostics(URI, 1);
        assertEquals(List.of("VAL001 2:2-2:13"), opened.getDiagnostics().stream().map(d -> d.getCode().getLeft() + " "
                + d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + "-"
                + d.getRange().getEnd().getLine() + ":" + d.getRange().getEnd().getCharacter()).toList());

        List<Either<Command, CodeAction>> actions = remote.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(URI), opened.getDiagnostics().get(0).getRange(),
                new CodeActionContext(opened.getDiagnostics()))).get(10, TimeUnit.SECONDS);
        assertEquals("Change 'BatchTimeOt' to 'BatchTimeout'", actions.get(0).getRight().getTitle());

        // three quick edits: only the last version's diagnostics matter, and they are clean
        VersionedTextDocumentIdentifier v2 = new VersionedTextDocumentIdentifier(URI, 2);
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(v2, List.of(change(2, 11, 2, 11, "u"))));
        VersionedTextDocumentIdentifier v3 = new VersionedTextDocumentIdentifier(URI, 3);
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(v3, List.of(change(2, 2, 2, 14, "BatchTimeout"))));
        VersionedTextDocumentIdentifier v4 = new VersionedTextDocumentIdentifier(URI, 4);
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(v4, List.of(change(3, 0, 3, 0, "  Batch"))));
        CompletableFuture<org.eclipse.lsp4j.CompletionList> completion = remote.getTextDocumentService()
                .completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(3, 7)))
                .thenApply(Either::getRight);
        List<String> labels = completion.get(10, TimeUnit.SECONDS).getItems().stream().map(CompletionItem::getLabel).toList();
        assertTrue(labels.contains("BatchSize"), labels.toString());
        assertTrue(!labels.contains("BatchTimeout"), labels.toString());
        PublishDiagnosticsParams v4Diagnostics = client.awaitDiagnostics(URI, 4);
        assertEquals(List.of("YAML001"), v4Diagnostics.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList());

        Hover hover = remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(1, 4)))
                .get(10, TimeUnit.SECONDS);
        assertTrue(hover.getContents().getRight().getValue().startsWith("**OrdererType**"));

        // settings change: the syntax error check switched off, diagnostics republished
        remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"raftlens\": {\"disabledRules\": [\"YAML001\"]}}")));
        assertEquals(List.of(), client.awaitDiagnostics(URI, 4).getDiagnostics());

        remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
        assertEquals(List.of(), client.awaitDiagnostics(URI, -1).getDiagnostics());
        // requests on a closed document answer empty instead of failing
        assertEquals(null, remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(1, 4))).get(10, TimeUnit.SECONDS));

        remote.shutdown().get(10, TimeUnit.SECONDS);
        remote.exit();
        assertEquals(0, exitCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void socketOnLoopbackServesAClient() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            io.raftlens.raft.network.ControlToken token = io.raftlens.raft.network.ControlToken.generate();
            Thread serving = new Thread(() -> LspLauncher.serve(listener, token), "test-lsp-listener");
            serving.setDaemon(true);
            serving.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                RecordingClient client = new RecordingClient();
                // the token goes into the first message's header block (see SocketHandshake)
                socket.getOutputStream().write(("X-RaftLens-Token: " + token.value() + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, socket.getInputStream(),
                        socket.getOutputStream());
                launcher.startListening();
                LanguageServer remote = launcher.getRemoteProxy();
                remote.initialize(initializeParams()).get(10, TimeUnit.SECONDS);
                remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "yaml", 1, TEXT)));
                assertEquals("VAL001", client.awaitDiagnostics(URI, 1).getDiagnostics().get(0).getCode().getLeft());
                remote.shutdown().get(10, TimeUnit.SECONDS);
                remote.exit();
            }
            assertEquals("127.0.0.1", listener.getInetAddress().getHostAddress());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
