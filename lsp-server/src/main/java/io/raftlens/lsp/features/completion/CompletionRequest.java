package io.raftlens.lsp.features.completion;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** One completion request: the document, where the cursor is and what is being typed there. */
public record CompletionRequest(DocumentModel model, LspSettings settings, Position position, CursorContext context,
                                CancelChecker cancel) {

    public FileKind kind() {
        return model.kind().orElseThrow();
    }

    /** The range of what is typed so far, replaced by the chosen item. */
    public Range typedRange() {
        return new Range(new Position(position.getLine(), context.column()), position);
    }

    public static String spaces(int n) {
        return " ".repeat(Math.max(0, n));
    }

    /** Escapes text for an LSP snippet. */
    public static String snippetText(String s) {
        return s.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}");
    }

    /** The Fabric release this document is checked against (modeline, inferred with "auto", or configured). */
    public io.raftlens.config.fabric.FabricVersion fabricVersion() {
        return settings.fabricVersionFor(model.text(), model.yaml(), kind());
    }
}
