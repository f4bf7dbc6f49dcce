package io.raftlens.lsp.features.navigation;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeAt;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** A certificate, key or MSP path goes to that file (or directory). */
final class PathDefinition implements DefinitionParticipant {

    @Override
    public void definitions(DocumentModel model, int offset, List<Location> out) {
        Optional<NodeAt> at = NodeLocator.at(model, offset);
        if (at.isEmpty() || at.get().onKey() || !(at.get().node() instanceof YamlScalar s) || s.via().isPresent()
                || !FilePaths.isPathKey(model, at.get().path())) {
            return;
        }
        FilePaths.resolve(model, s).ifPresent(p -> out.add(new Location(p.toUri().toString(),
                new Range(new Position(0, 0), new Position(0, 0)))));
    }
}
