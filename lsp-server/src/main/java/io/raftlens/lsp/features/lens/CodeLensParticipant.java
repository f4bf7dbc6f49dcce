package io.raftlens.lsp.features.lens;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Adds code lenses. None are built in: the live-network feature registers one that shows each
 * consenter's role, term and leader while a network runs.
 */
public interface CodeLensParticipant {

    void lenses(DocumentModel model, List<CodeLens> out, CancelChecker cancel);
}
