package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeAt;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** A request for quick fixes of one RaftLens diagnostic. */
public record CodeActionRequest(DocumentModel model, Diagnostic diagnostic) {

    public String code() {
        Either<String, Integer> c = diagnostic.getCode();
        return c == null ? "" : c.isLeft() ? c.getLeft() : String.valueOf(c.getRight());
    }

    public String message() {
        return diagnostic.getMessage() == null ? "" : diagnostic.getMessage().isLeft()
                ? diagnostic.getMessage().getLeft() : diagnostic.getMessage().getRight().getValue();
    }

    public int startOffset() {
        return model.offsetAt(diagnostic.getRange().getStart());
    }

    /** The node the diagnostic starts on. */
    public Optional<NodeAt> node() {
        return NodeLocator.at(model, startOffset());
    }

    /** A preferred-or-not quick fix applying the edits to this document. */
    public CodeAction fix(String title, boolean preferred, List<TextEdit> edits) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic));
        action.setIsPreferred(preferred);
        action.setEdit(new WorkspaceEdit(Map.of(model.uri(), edits)));
        return action;
    }

    /** The whole lines an entry is written on (key through value), for deleting it. */
    public org.eclipse.lsp4j.Range entryLines(YamlEntry entry) {
        int startLine = entry.key().range().start().line();
        Position end = entry.value().via().map(a -> a.range().end()).orElse(entry.value().range().end());
        if (end.compareTo(entry.key().range().end()) < 0) {
            end = entry.key().range().end();
        }
        int endLine = end.column() == 0 && end.line() > startLine ? end.line() : end.line() + 1;
        return new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(startLine, 0), new org.eclipse.lsp4j.Position(endLine, 0));
    }
}
