package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.Optional;
import org.eclipse.lsp4j.services.LanguageClient;

/** What the live network needs from the language server it runs in. */
public interface LiveEditor {

    /** The parsed current version of an open document. */
    Optional<DocumentModel> model(String uri);

    /** The connected client, or null before {@code connect}. */
    LanguageClient client();

    /** Recomputes and publishes the diagnostics of an open document (the {@code raft} ones change with the network). */
    void revalidate(String uri);

    /** Whether the client declared {@code workspace.codeLens.refreshSupport}. */
    boolean codeLensRefresh();

    /** Whether the client declared {@code workspace.inlayHint.refreshSupport}. */
    boolean inlayHintRefresh();
}
