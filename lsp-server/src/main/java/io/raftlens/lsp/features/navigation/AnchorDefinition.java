package io.raftlens.lsp.features.navigation;

import io.raftlens.lsp.documents.AnchorOccurrences;
import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.Location;

/** An alias ({@code *X}, {@code <<: *X}) goes to its anchor {@code &X}. */
final class AnchorDefinition implements DefinitionParticipant {

    @Override
    public void definitions(DocumentModel model, int offset, List<Location> out) {
        AnchorOccurrences anchors = AnchorOccurrences.of(model);
        anchors.at(offset).filter(o -> !o.anchor())
                .flatMap(alias -> anchors.definition(alias.name(), alias.start()))
                .ifPresent(def -> out.add(new Location(model.uri(), model.lspRange(def.start(), def.end()))));
    }
}
