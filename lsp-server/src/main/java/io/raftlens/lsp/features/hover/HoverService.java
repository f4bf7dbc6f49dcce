package io.raftlens.lsp.features.hover;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeAt;
import io.raftlens.lsp.documents.NodeLocator;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Hover: the key's documentation, where inherited values come from, derived Raft timing. */
public final class HoverService {

    private final List<HoverParticipant> participants = new CopyOnWriteArrayList<>(List.of(
            new SchemaHover(), new InheritanceHover(), new TimingHover()));

    public void register(HoverParticipant p) {
        participants.add(p);
    }

    public void unregister(HoverParticipant p) {
        participants.remove(p);
    }

    public Optional<Hover> hover(DocumentModel model, Position position, LspSettings settings, CancelChecker cancel) {
        if (!model.inScope()) {
            return Optional.empty();
        }
        Optional<NodeAt> at = NodeLocator.at(model, model.offsetAt(position));
        if (at.isEmpty() || at.get().entry() == null) {
            return Optional.empty();
        }
        HoverRequest request = new HoverRequest(model, settings, at.get(), cancel);
        List<String> sections = new ArrayList<>();
        Participants.forEach(participants, cancel, p -> p.hover(request, sections));
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        NodeAt node = at.get();
        io.raftlens.config.yaml.Range range = node.node().via().map(a -> a.range()).orElse(node.node().range());
        return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n", sections)),
                DocumentModel.lsp(range)));
    }
}
