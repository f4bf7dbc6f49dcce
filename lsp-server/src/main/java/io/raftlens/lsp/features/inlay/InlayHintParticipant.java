package io.raftlens.lsp.features.inlay;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;

/** Adds inlay hints for a document (the service keeps those in the requested range). */
public interface InlayHintParticipant {

    void hints(DocumentModel model, LspSettings settings, List<InlayHint> out);
}
