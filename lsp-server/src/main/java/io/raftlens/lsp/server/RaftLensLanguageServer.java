package io.raftlens.lsp.server;

import io.raftlens.lsp.documents.OpenDocuments;
import io.raftlens.lsp.features.FabricLanguageService;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
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
    private volatile boolean shutdown;
    private volatile InitializeParams initializeParams;

    /**
     * @param exit called with the exit code on {@code exit} or when the client process dies (the
     *             command line exits the JVM; a socket connection just closes)
     */
    public RaftLensLanguageServer(IntConsumer exit, long validationDelayMillis) {
        this.exit = exit;
        this.validation = new ValidationScheduler(service, settings::get, p -> {
            LanguageClient c = client.get();
            if (c != null) {
                c.publishDiagnostics(p);
            }
        }, validationDelayMillis);
        this.textDocuments = new RaftLensTextDocumentService(service, documents, settings::get, validation);
        this.workspace = new RaftLensWorkspaceService(this);
    }

    /** The language features, for registering more participants (e.g. live-network code lenses). */
    public FabricLanguageService languageService() {
        return service;
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
        return CompletableFuture.completedFuture(new InitializeResult(caps,
                new ServerInfo("raftlens", io.raftlens.lsp.cli.Main.VERSION)));
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
        validation.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
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
