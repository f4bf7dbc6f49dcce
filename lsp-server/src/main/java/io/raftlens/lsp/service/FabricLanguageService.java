package io.raftlens.lsp.service;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.actions.CodeActionService;
import io.raftlens.lsp.features.completion.CompletionService;
import io.raftlens.lsp.features.diagnostics.DiagnosticsService;
import io.raftlens.lsp.features.hover.HoverService;
import io.raftlens.lsp.features.inlay.InlayHintService;
import io.raftlens.lsp.features.lens.CodeLensService;
import io.raftlens.lsp.features.navigation.NavigationService;
import io.raftlens.lsp.features.rename.RenameService;
import io.raftlens.lsp.features.symbols.SymbolService;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The language features over parsed documents, independent of JSON-RPC: the server calls it, and so do
 * the tests. One service per feature; each fans out to its participants ({@code services()} registers more).
 */
public final class FabricLanguageService {

    /** The per-feature services, for registering participants (the live network adds code lenses). */
    public record Services(DiagnosticsService diagnostics, CompletionService completion, HoverService hover,
                           InlayHintService inlayHints, SymbolService symbols, NavigationService navigation,
                           RenameService rename, CodeActionService codeActions, CodeLensService codeLenses) {}

    private final Services services = new Services(new DiagnosticsService(), new CompletionService(), new HoverService(),
            new InlayHintService(), new SymbolService(), new NavigationService(), new RenameService(),
            new CodeActionService(), new CodeLensService());

    public Services services() {
        return services;
    }

    public List<Diagnostic> diagnostics(DocumentModel model, LspSettings settings, CancelChecker cancel) {
        return services.diagnostics().diagnostics(model, settings, cancel);
    }

    public CompletionList completion(DocumentModel model, Position position, LspSettings settings, CancelChecker cancel) {
        return services.completion().complete(model, position, settings, cancel);
    }

    public Optional<Hover> hover(DocumentModel model, Position position, LspSettings settings, CancelChecker cancel) {
        return services.hover().hover(model, position, settings, cancel);
    }

    public List<InlayHint> inlayHints(DocumentModel model, Range range, LspSettings settings, CancelChecker cancel) {
        return services.inlayHints().hints(model, range, settings, cancel);
    }

    public List<DocumentSymbol> symbols(DocumentModel model, CancelChecker cancel) {
        return services.symbols().symbols(model, cancel);
    }

    public List<Location> definition(DocumentModel model, Position position, CancelChecker cancel) {
        return services.navigation().definition(model, position, cancel);
    }

    public List<DocumentLink> links(DocumentModel model, CancelChecker cancel) {
        return services.navigation().links(model, cancel);
    }

    public Optional<Range> prepareRename(DocumentModel model, Position position) {
        return services.rename().prepare(model, position);
    }

    public Optional<WorkspaceEdit> rename(DocumentModel model, Position position, String newName) {
        return services.rename().rename(model, position, newName);
    }

    public List<CodeAction> codeActions(DocumentModel model, List<Diagnostic> diagnostics, CancelChecker cancel) {
        return services.codeActions().actions(model, diagnostics, cancel);
    }

    public List<CodeLens> codeLenses(DocumentModel model, CancelChecker cancel) {
        return services.codeLenses().lenses(model, cancel);
    }
}
