package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.services.LanguageClient;

/** The live layer's editor without a client: open documents are a map the test fills; nothing is pushed or refreshed. */
final class HeadlessEditor implements LiveEditor {
    private final Map<String, DocumentModel> open;

    HeadlessEditor(Map<String, DocumentModel> open) {
        this.open = open;
    }

    @Override
    public Optional<DocumentModel> model(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    @Override
    public LanguageClient client() {
        return null;
    }

    @Override
    public void revalidate(String uri) {
    }

    @Override
    public boolean codeLensRefresh() {
        return false;
    }

    @Override
    public boolean inlayHintRefresh() {
        return false;
    }
}
