package io.raftlens.lsp.features.hover;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeAt;
import io.raftlens.lsp.features.LspSettings;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** A hover on a key or value. */
public record HoverRequest(DocumentModel model, LspSettings settings, NodeAt at, CancelChecker cancel) {

    public FileKind kind() {
        return model.kind().orElseThrow();
    }

    /** The Fabric release this document is checked against (modeline, inferred with "auto", or configured). */
    public io.raftlens.config.fabric.FabricVersion fabricVersion() {
        return settings.fabricVersionFor(model.text(), model.yaml(), kind());
    }
}
