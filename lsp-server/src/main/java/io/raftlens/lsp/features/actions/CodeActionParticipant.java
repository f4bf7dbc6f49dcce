package io.raftlens.lsp.features.actions;

import java.util.List;
import org.eclipse.lsp4j.CodeAction;

/** Adds quick fixes for a diagnostic it knows how to fix. */
public interface CodeActionParticipant {

    void actions(CodeActionRequest request, List<CodeAction> out);
}
