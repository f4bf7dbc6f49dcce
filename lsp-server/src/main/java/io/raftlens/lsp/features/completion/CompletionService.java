package io.raftlens.lsp.features.completion;

import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.Participants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Completion: keys, values, anchors and snippets from every participant, without duplicate labels. */
public final class CompletionService {

    private final List<CompletionParticipant> participants = new CopyOnWriteArrayList<>(List.of(
            new KeyCompletion(), new ValueCompletion(), new AliasCompletion(),
            new ConsenterSnippet(), new ProfileSnippet(), new OptionsSnippet()));

    public void register(CompletionParticipant p) {
        participants.add(p);
    }

    public void unregister(CompletionParticipant p) {
        participants.remove(p);
    }

    public CompletionList complete(DocumentModel model, Position position, LspSettings settings, CancelChecker cancel) {
        if (!model.inScope()) {
            return new CompletionList(false, List.of());
        }
        CursorContext context = CursorContext.at(model, position);
        if (context.kind() == CursorContext.Kind.NONE) {
            return new CompletionList(false, List.of());
        }
        CompletionRequest request = new CompletionRequest(model, settings, position, context, cancel);
        List<CompletionItem> items = new ArrayList<>();
        Participants.forEach(participants, cancel, p -> p.complete(request, items));
        Set<String> seen = new HashSet<>();
        List<CompletionItem> unique = new ArrayList<>(items.size());
        for (CompletionItem item : items) {
            if (seen.add(item.getLabel())) {
                unique.add(item);
            }
        }
        return new CompletionList(false, unique);
    }
}
