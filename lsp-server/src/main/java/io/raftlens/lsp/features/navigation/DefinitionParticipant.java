package io.raftlens.lsp.features.navigation;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.Location;

/** Adds the definitions of what is at an offset. */
public interface DefinitionParticipant {

    void definitions(DocumentModel model, int offset, List<Location> out);
}
