package io.raftlens.lsp.features.completion;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;

/** Adds completion items for what is typed at the cursor. */
public interface CompletionParticipant {

    void complete(CompletionRequest request, List<CompletionItem> out);
}
