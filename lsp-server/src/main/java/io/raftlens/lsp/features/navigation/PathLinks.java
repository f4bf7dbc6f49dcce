package io.raftlens.lsp.features.navigation;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.YamlWalker;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;

/** Every certificate, key and MSP path that names an existing file becomes a link. */
final class PathLinks implements DocumentLinkParticipant {

    @Override
    public void links(DocumentModel model, List<DocumentLink> out) {
        YamlWalker.walk(model, (path, entry, parent) -> {
            if (entry.value() instanceof YamlScalar s && s.via().isEmpty() && !s.isNull() && FilePaths.isPathKey(model, path)) {
                FilePaths.resolve(model, s).ifPresent(p -> {
                    DocumentLink link = new DocumentLink(DocumentModel.lsp(s.range()), p.toUri().toString());
                    link.setTooltip(p.toString());
                    out.add(link);
                });
            }
        });
    }
}
