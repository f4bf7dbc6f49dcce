package io.raftlens.lsp.features.navigation;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;

/** Adds links for a document. */
public interface DocumentLinkParticipant {

    void links(DocumentModel model, List<DocumentLink> out);
}
