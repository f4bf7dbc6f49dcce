package io.raftlens.lsp.features.actions;

import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;

/** "Did you mean ListenPort?" and "deprecated: use BootstrapMethod" become "Change to …" on the key. */
final class DidYouMeanFix implements CodeActionParticipant {

    private static final Pattern SUGGESTION = Pattern.compile("(?i)(?:did you mean|use) ([A-Za-z][A-Za-z0-9_]*)[?.]?");

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        Matcher m = SUGGESTION.matcher(request.message());
        if (!m.find()) {
            return;
        }
        String replacement = m.group(1);
        request.node().filter(n -> n.onKey() && !replacement.equals(n.key())).ifPresent(n -> out.add(request.fix(
                "Change '" + n.key() + "' to '" + replacement + "'", true,
                List.of(new TextEdit(DocumentModel.lsp(n.entry().key().range()), replacement)))));
    }
}
