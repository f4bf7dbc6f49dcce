package io.raftlens.lsp.features.symbols;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** The outline: organizations, profiles, consenters and every other section. */
public final class SymbolService {

    private final List<SymbolParticipant> participants = new CopyOnWriteArrayList<>(List.of(new OutlineSymbols()));

    public void register(SymbolParticipant p) {
        participants.add(p);
    }

    public List<DocumentSymbol> symbols(DocumentModel model, CancelChecker cancel) {
        List<DocumentSymbol> out = new ArrayList<>();
        if (model.inScope()) {
            Participants.forEach(participants, cancel, p -> p.symbols(model, out));
        }
        return out;
    }
}
