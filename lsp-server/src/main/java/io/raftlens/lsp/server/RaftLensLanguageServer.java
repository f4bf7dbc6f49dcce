package io.raftlens.lsp.server;

import io.raftlens.lsp.documents.OpenDocuments;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.live.LiveEditor;
import io.raftlens.lsp.live.LiveFeature;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The RaftLens language server for configtx.yaml and orderer.yaml (LSP4J). Request handlers run on a
 * worker pool; the JSON-RPC reader thread only applies text edits.
 */
public final class RaftLensLanguageServer implements LanguageServer, LanguageClientAware {

    /** The RaftLens release, announced to the editor in {@code initialize} (and by the CLI's {@code --version}). */
    public static final String VERSION = "0.1.0";

    /** The default debounce between the last keystroke and validation. */
    public static final long DEFAULT_VALIDATION_DELAY_MS = 200;

    private final FabricLanguageService service = new FabricLanguageService();
    private final OpenDocuments documents = new OpenDocuments();
    private final AtomicReference<LspSettings> settings = new AtomicReference<>(LspSettings.defaults());
    private final AtomicReference<LanguageClient> client = new AtomicReference<>();
    private final IntConsumer exit;
    private final ValidationScheduler validation;
    private final RaftLensTextDocumentService textDocuments;
    private final RaftLensWorkspaceService workspace;
    private final LiveFeature live;
    private volatile boolean shutdown;
    private volatile InitializeParams initializeParams;

    /**
     * @param exit called with the exit code on {@code exit} or when the client process dies (the
     *             command line exits the JVM; a socket connection just closes)
     */
    public RaftLensLanguageServer(IntConsumer exit, long validationDelayMillis) {
        this.exit = code -> {
            closeLive();
            exit.accept(code);
        };
        this.validation = new ValidationScheduler(service, settings::get, p -> {
            LanguageClient c = client.get();
            if (c != null) {
                c.publishDiagnostics(p);
            }
        }, validationDelayMillis);
        this.textDocuments = new RaftLensTextDocumentService(service, documents, settings::get, validation);
        this.workspace = new RaftLensWorkspaceService(this);
        this.live = new LiveFeature(new Editor(), service);
    }

    /** The live network's view of this server. */
    private final class Editor implements LiveEditor {
        @Override
        public java.util.Optional<io.raftlens.lsp.documents.DocumentModel> model(String uri) {
            return documents.get(uri).map(io.raftlens.lsp.documents.TextDocument::model);
        }

        @Override
        public LanguageClient client() {
            return client.get();
        }

        @Override
        public void revalidate(String uri) {
            documents.get(uri).ifPresent(d -> validation.schedule(d, true));
        }

        @Override
        public boolean codeLensRefresh() {
            var caps = initializeParams == null ? null : initializeParams.getCapabilities();
            return caps != null && caps.getWorkspace() != null && caps.getWorkspace().getCodeLens() != null
                    && Boolean.TRUE.equals(caps.getWorkspace().getCodeLens().getRefreshSupport());
        }

        @Override
        public boolean inlayHintRefresh() {
            return initializeParams != null && supportsInlayRefresh();
        }
    }

    /** {@code workspace/executeCommand}: the live network's {@code raftlens.*} commands. */
    CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!live.handles(params.getCommand())) {
            return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                    new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                            org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams,
                            "unknown command " + params.getCommand() + " (known: " + String.join(", ", LiveFeature.commands()) + ")", null)));
        }
        return live.execute(params.getCommand(), params.getArguments());
    }

    /** The client went away (input closed): stop every network launched from the editor. */
    public void clientGone() {
        closeLive();
    }

    private void closeLive() {
        if (live != null) {
            live.close();
        }
    }

    public OpenDocuments documents() {
        return documents;
    }

    public LspSettings settings() {
        return settings.get();
    }

    public LanguageClient client() {
        return client.get();
    }

    @Override
    public void connect(LanguageClient languageClient) {
        client.set(languageClient);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        initializeParams = params;
        settings.set(SettingsReader.read(params.getInitializationOptions(), settings.get()));
        ParentProcessWatcher.watch(params.getProcessId(), () -> exit.accept(1));
        ServerCapabilities caps = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        caps.setTextDocumentSync(sync);
        caps.setCompletionProvider(new CompletionOptions(false, List.of(":", " ", "*", "-")));
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setDocumentLinkProvider(new DocumentLinkOptions(false));
        RenameOptions rename = new RenameOptions();
        rename.setPrepareProvider(true);
        caps.setRenameProvider(rename);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        caps.setInlayHintProvider(true);
        caps.setCodeLensProvider(new CodeLensOptions(false));
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(LiveFeature.commands()));
        return CompletableFuture.completedFuture(new InitializeResult(caps,
                new ServerInfo("raftlens", VERSION)));
    }

    /** Applies new settings and revalidates every open document with them. */
    void updateSettings(Object raw) {
        settings.set(SettingsReader.read(raw, settings.get()));
        documents.all().forEach(d -> validation.schedule(d, true));
        LanguageClient c = client.get();
        if (c != null && initializeParams != null && supportsInlayRefresh()) {
            c.refreshInlayHints();
        }
    }

    private boolean supportsInlayRefresh() {
        var caps = initializeParams.getCapabilities();
        return caps != null && caps.getWorkspace() != null && caps.getWorkspace().getInlayHint() != null
                && Boolean.TRUE.equals(caps.getWorkspace().getInlayHint().getRefreshSupport());
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        closeLive();
        validation.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        closeLive();
        validation.close();
        exit.accept(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
