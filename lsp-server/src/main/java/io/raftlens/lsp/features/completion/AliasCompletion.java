package io.raftlens.lsp.features.completion;

import io.raftlens.lsp.documents.AnchorOccurrences;
import io.raftlens.lsp.documents.CursorContext;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Anchor names after {@code *} (aliases and {@code <<: *}). */
final class AliasCompletion implements CompletionParticipant {

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        if (request.context().kind() != CursorContext.Kind.ALIAS) {
            return;
        }
        AnchorOccurrences anchors = AnchorOccurrences.of(request.model());
        for (AnchorOccurrences.Occurrence a : anchors.all()) {
            if (!a.anchor() || a.line() == request.position().getLine()) {
                continue;
            }
            CompletionItem item = new CompletionItem(a.name());
            item.setKind(CompletionItemKind.Reference);
            item.setDetail("&" + a.name() + ", line " + (a.line() + 1));
            item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), a.name())));
            out.add(item);
        }
    }
}
