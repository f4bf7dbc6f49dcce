package io.raftlens.lsp.server;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A scripted editor session against an in-process server ({@code raftlens lsp --warm-up}): initialize, open a
 * configtx.yaml and an orderer.yaml, wait for their diagnostics, ask every feature, edit, shut down. The
 * launchers run it once per build with {@code -XX:ArchiveClassesAtExit}, so the class-data archive holds what
 * a real session loads (JSON-RPC, the features, the validation rules) and editors start the server from it.
 */
public final class WarmUpSession {

    private static final long TIMEOUT_SECONDS = 60;

    static final String CONFIGTX = """
            # raftlens: configtx fabric=3
            Organizations:
              - &OrdererOrg
                Name: OrdererOrg
                ID: OrdererMSP
                MSPDir: crypto/ordererOrganizations/example.com/msp
                Policies:
                  Readers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Writers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Admins: {Type: Signature, Rule: "OR('OrdererMSP.admin')"}
                OrdererEndpoints:
                  - orderer1.example.com:7050
            Capabilities:
              Channel: &ChannelCapabilities
                V3_0: true
            Orderer: &OrdererDefaults
              OrdererType: etcdraft
              EtcdRaft:
                Consenters:
                  - Host: orderer1.example.com
                    Port: 7050
                    ClientTLSCert: crypto/orderer1/tls/server.crt
                    ServerTLSCert: crypto/orderer1/tls/server.crt
                Options:
                  TickInterval: 500ms
                  ElectionTick: 10
                  HeartbeatTick: 1
                  MaxInflightBlocks: 5
                  SnapshotIntervalSize: 16 MB
              BatchTimeout: 2s
              BatchSize:
                MaxMessageCount: 10
                AbsoluteMaxBytes: 99 MB
                PreferredMaxBytes: 512 KB
              Organizations:
              Policies:
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
            Channel: &ChannelDefaults
              Policies:
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
              Capabilities:
                <<: *ChannelCapabilities
            Profiles:
              OneOrdererChannel:
                <<: *ChannelDefaults
                Orderer:
                  <<: *OrdererDefaults
                  Organizations:
                    - *OrdererOrg
                  BatchTimeout: 2
            """;

    static final String ORDERER = """
            # raftlens: orderer fabric=3
            General:
              ListenAddress: 127.0.0.1
              ListenPort: 7050
              TLS:
                Enabled: true
                PrivateKey: tls/server.key
                Certificate: tls/server.crt
              Cluster:
                SendBufferSize: 100
              BootstrapMethod: none
            Consensus:
              WALDir: /var/hyperledger/production/orderer/etcdraft/wal
              SnapDir: /var/hyperledger/production/orderer/etcdraft/snapshot
            Operations:
              ListenAddress: 127.0.0.1:8443
            """;

    private WarmUpSession() {
    }

    /** Runs the session; fails (with the step that did not answer) rather than hang. */
    public static void run() throws Exception {
        RaftLensLanguageServer server = new RaftLensLanguageServer(code -> { }, 1);
        LspLauncher.ClientEnds ends = LspLauncher.startInProcess(server, 1 << 16);
        Editor editor = new Editor();
        var launcher = LSPLauncher.createClientLauncher(editor, ends.in(), ends.out());
        launcher.startListening();
        LanguageServer remote = launcher.getRemoteProxy();
        try {
            session(remote, editor);
        } finally {
            server.clientGone();
            ends.close();
        }
    }

    private static void session(LanguageServer server, Editor editor) throws Exception {
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        await("initialize", server.initialize(init));
        server.initialized(new InitializedParams());
        String configtx = "file:///raftlens-warm-up/configtx.yaml";
        String orderer = "file:///raftlens-warm-up/orderer.yaml";
        var text = server.getTextDocumentService();
        text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(configtx, "yaml", 1, CONFIGTX)));
        PublishDiagnosticsParams problems = editor.diagnostics(configtx);
        text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(orderer, "yaml", 1, ORDERER)));
        editor.diagnostics(orderer);
        for (String uri : List.of(configtx, orderer)) {
            String source = uri.equals(configtx) ? CONFIGTX : ORDERER;
            TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
            int lines = (int) source.lines().count();
            for (int line = 0; line < lines; line += 3) {
                Position at = new Position(line, 6);
                await("completion", text.completion(new CompletionParams(doc, at)));
                await("hover", text.hover(new HoverParams(doc, at)));
                await("definition", text.definition(new DefinitionParams(doc, at)));
            }
            await("documentSymbol", text.documentSymbol(new DocumentSymbolParams(doc)));
            await("documentLink", text.documentLink(new DocumentLinkParams(doc)));
            await("inlayHint", text.inlayHint(new InlayHintParams(doc, new Range(new Position(0, 0), new Position(lines, 0)))));
            await("codeLens", text.codeLens(new CodeLensParams(doc)));
        }
        TextDocumentIdentifier doc = new TextDocumentIdentifier(configtx);
        Range whole = new Range(new Position(0, 0), new Position((int) CONFIGTX.lines().count(), 0));
        await("codeAction", text.codeAction(new CodeActionParams(doc, whole, new CodeActionContext(problems.getDiagnostics()))));
        int batchTimeout = (int) CONFIGTX.lines().takeWhile(l -> !l.contains("BatchTimeout: 2s")).count();
        text.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(configtx, 2), List.of(
                new TextDocumentContentChangeEvent(new Range(new Position(batchTimeout, 16), new Position(batchTimeout, 17)), "3"))));
        editor.diagnostics(configtx);
        await("shutdown", server.shutdown());
    }

    private static <T> T await(String what, CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("warm-up session: no answer to " + what + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The editor's side: keeps the diagnostics the server publishes. */
    private static final class Editor implements LanguageClient {
        private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

        PublishDiagnosticsParams diagnostics(String uri) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                PublishDiagnosticsParams p = published.poll(100, TimeUnit.MILLISECONDS);
                if (p != null && p.getUri().equals(uri)) {
                    return p;
                }
            }
            throw new IllegalStateException("warm-up session: no diagnostics for " + uri + " within " + TIMEOUT_SECONDS + " s");
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
