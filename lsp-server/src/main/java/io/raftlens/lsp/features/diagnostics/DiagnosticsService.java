package io.raftlens.lsp.features.diagnostics;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Diagnostics of a document from every participant (the validator's rules by default). */
public final class DiagnosticsService {

    private final List<DiagnosticsParticipant> participants = new CopyOnWriteArrayList<>();

    public DiagnosticsService() {
        participants.add(new RuleDiagnostics());
    }

    public void register(DiagnosticsParticipant p) {
        participants.add(p);
    }

    public void unregister(DiagnosticsParticipant p) {
        participants.remove(p);
    }

    /** Empty for documents out of scope: other YAML is never touched. */
    public List<Diagnostic> diagnostics(DocumentModel model, LspSettings settings, CancelChecker cancel) {
        List<Diagnostic> out = new ArrayList<>();
        if (!model.inScope()) {
            return out;
        }
        Participants.forEach(participants, cancel, p -> p.collect(model, settings, out, cancel));
        return out;
    }
}
