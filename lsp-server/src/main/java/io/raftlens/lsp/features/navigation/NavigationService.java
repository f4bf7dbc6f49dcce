package io.raftlens.lsp.features.navigation;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Go to definition and document links. */
public final class NavigationService {

    private final List<DefinitionParticipant> definitions = new CopyOnWriteArrayList<>(List.of(
            new AnchorDefinition(), new PathDefinition()));
    private final List<DocumentLinkParticipant> links = new CopyOnWriteArrayList<>(List.of(new PathLinks()));

    public void register(DefinitionParticipant p) {
        definitions.add(p);
    }

    public void register(DocumentLinkParticipant p) {
        links.add(p);
    }

    public List<Location> definition(DocumentModel model, Position position, CancelChecker cancel) {
        List<Location> out = new ArrayList<>();
        if (model.inScope()) {
            int offset = model.offsetAt(position);
            Participants.forEach(definitions, cancel, p -> p.definitions(model, offset, out));
        }
        return out;
    }

    public List<DocumentLink> links(DocumentModel model, CancelChecker cancel) {
        List<DocumentLink> out = new ArrayList<>();
        if (model.inScope()) {
            Participants.forEach(links, cancel, p -> p.links(model, out));
        }
        return out;
    }
}
