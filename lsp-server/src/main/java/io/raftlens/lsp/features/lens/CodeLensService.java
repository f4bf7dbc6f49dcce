package io.raftlens.lsp.features.lens;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Code lenses from registered participants (the live network registers its own). */
public final class CodeLensService {

    private final List<CodeLensParticipant> participants = new CopyOnWriteArrayList<>();

    public void register(CodeLensParticipant p) {
        participants.add(p);
    }

    public void unregister(CodeLensParticipant p) {
        participants.remove(p);
    }

    public List<CodeLens> lenses(DocumentModel model, CancelChecker cancel) {
        List<CodeLens> out = new ArrayList<>();
        if (model.inScope()) {
            Participants.forEach(participants, cancel, p -> p.lenses(model, out, cancel));
        }
        return out;
    }
}
