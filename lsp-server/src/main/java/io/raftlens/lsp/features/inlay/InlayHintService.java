package io.raftlens.lsp.features.inlay;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Inlay hints: derived Raft timing, byte counts, consenter Raft ids. */
public final class InlayHintService {

    private final List<InlayHintParticipant> participants = new CopyOnWriteArrayList<>(List.of(
            new TimingHints(), new ByteSizeHints(), new ConsenterIdHints()));

    public void register(InlayHintParticipant p) {
        participants.add(p);
    }

    public void unregister(InlayHintParticipant p) {
        participants.remove(p);
    }

    public List<InlayHint> hints(DocumentModel model, Range range, LspSettings settings, CancelChecker cancel) {
        List<InlayHint> all = new ArrayList<>();
        if (!model.inScope() || !settings.inlayHints()) {
            return all;
        }
        Participants.forEach(participants, cancel, p -> p.hints(model, settings, all));
        List<InlayHint> inRange = new ArrayList<>();
        for (InlayHint h : all) {
            if (range == null || within(h.getPosition(), range)) {
                inRange.add(h);
            }
        }
        inRange.sort(Comparator.comparingInt((InlayHint h) -> h.getPosition().getLine())
                .thenComparingInt(h -> h.getPosition().getCharacter()));
        return inRange;
    }

    static InlayHint hint(io.raftlens.config.yaml.Position at, String label) {
        InlayHint h = new InlayHint(DocumentModel.lsp(at), Either.forLeft(label));
        h.setKind(InlayHintKind.Type);
        h.setPaddingLeft(true);
        return h;
    }

    private static boolean within(Position p, Range r) {
        return p.getLine() >= r.getStart().getLine() && p.getLine() <= r.getEnd().getLine();
    }
}
