package io.raftlens.lsp.server;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.OpenDocuments;
import io.raftlens.lsp.documents.TextDocument;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync and per-document requests. Every request runs on the worker pool against the model of
 * the version current when it started; it is cancelled by {@code $/cancelRequest} or when the document
 * changes. Requests for documents that are not open answer empty, never fail.
 */
final class RaftLensTextDocumentService implements TextDocumentService {

    private final FabricLanguageService service;
    private final OpenDocuments documents;
    private final Supplier<LspSettings> settings;
    private final ValidationScheduler validation;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "raftlens-request");
        t.setDaemon(true);
        return t;
    });

    RaftLensTextDocumentService(FabricLanguageService service, OpenDocuments documents, Supplier<LspSettings> settings,
                                ValidationScheduler validation) {
        this.service = service;
        this.documents = documents;
        this.settings = settings;
        this.validation = validation;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        TextDocument doc = documents.open(params.getTextDocument().getUri(), params.getTextDocument().getText(),
                params.getTextDocument().getVersion());
        validation.schedule(doc, true);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        documents.get(params.getTextDocument().getUri()).ifPresent(doc -> {
            doc.apply(params.getTextDocument().getVersion(), params.getContentChanges());
            validation.schedule(doc, false);
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        documents.close(params.getTextDocument().getUri());
        validation.closed(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // validation already follows every change
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return compute(params.getTextDocument().getUri(), new CompletionList(false, List.of()),
                (model, cancel) -> service.completion(model, params.getPosition(), settings.get(), cancel))
                .thenApply(Either::forRight);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return compute(params.getTextDocument().getUri(), null,
                (model, cancel) -> service.hover(model, params.getPosition(), settings.get(), cancel).orElse(null));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return compute(params.getTextDocument().getUri(), List.of(),
                (model, cancel) -> service.inlayHints(model, params.getRange(), settings.get(), cancel));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return compute(params.getTextDocument().getUri(), List.<DocumentSymbol>of(), (model, cancel) -> service.symbols(model, cancel))
                .thenApply(list -> list.stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return compute(params.getTextDocument().getUri(), List.<Location>of(),
                (model, cancel) -> service.definition(model, params.getPosition(), cancel))
                .thenApply(Either::forLeft);
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (model, cancel) -> service.links(model, cancel));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
        return compute(params.getTextDocument().getUri(), null, (model, cancel) -> service.prepareRename(model, params.getPosition())
                .map(Either3::<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst).orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return compute(params.getTextDocument().getUri(), null,
                (model, cancel) -> service.rename(model, params.getPosition(), params.getNewName()).orElse(null));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return compute(params.getTextDocument().getUri(), List.<CodeAction>of(),
                (model, cancel) -> service.codeActions(model, params.getContext().getDiagnostics(), cancel))
                .thenApply(list -> list.stream().map(Either::<Command, CodeAction>forRight).toList());
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (model, cancel) -> service.codeLenses(model, cancel));
    }

    /**
     * Runs a feature on the worker pool with the model of the current version; cancelled by the client
     * or by a newer version of the document.
     */
    private <T> CompletableFuture<T> compute(String uri, T whenClosed, BiFunction<DocumentModel, CancelChecker, T> feature) {
        Optional<TextDocument> doc = documents.get(uri);
        if (doc.isEmpty()) {
            return CompletableFuture.completedFuture(whenClosed);
        }
        TextDocument d = doc.get();
        int version = d.version();
        return CompletableFutures.computeAsync(workers, clientCancel -> {
            CancelChecker cancel = () -> {
                clientCancel.checkCanceled();
                if (d.version() != version) {
                    throw new CancellationException("document changed");
                }
            };
            cancel.checkCanceled();
            return feature.apply(d.model(), cancel);
        });
    }
}
