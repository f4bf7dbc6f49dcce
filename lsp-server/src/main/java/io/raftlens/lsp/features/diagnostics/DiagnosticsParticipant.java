package io.raftlens.lsp.features.diagnostics;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Adds diagnostics for a document. */
public interface DiagnosticsParticipant {

    void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel);
}
