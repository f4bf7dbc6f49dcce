package io.raftlens.lsp.features.symbols;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;

/** Adds outline symbols for a document. */
public interface SymbolParticipant {

    void symbols(DocumentModel model, List<DocumentSymbol> out);
}
