package io.raftlens.lsp.features.actions;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Quick fixes for the RaftLens diagnostics the client sends back in the code-action context. */
public final class CodeActionService {

    private final List<CodeActionParticipant> participants = new CopyOnWriteArrayList<>(List.of(
            new DidYouMeanFix(), new RemoveKeyFix(), new DurationUnitFix(), new ElectionTickFix(),
            new MissingPolicyFix(), new TabFix(), new AdminClientAuthFix(), new WeakBooleanFix()));

    public void register(CodeActionParticipant p) {
        participants.add(p);
    }

    public List<CodeAction> actions(DocumentModel model, List<Diagnostic> diagnostics, CancelChecker cancel) {
        List<CodeAction> out = new ArrayList<>();
        if (!model.inScope()) {
            return out;
        }
        for (Diagnostic d : diagnostics) {
            if (!"raftlens".equals(d.getSource())) {
                continue;
            }
            CodeActionRequest request = new CodeActionRequest(model, d);
            Participants.forEach(participants, cancel, p -> p.actions(request, out));
        }
        return out;
    }
}
