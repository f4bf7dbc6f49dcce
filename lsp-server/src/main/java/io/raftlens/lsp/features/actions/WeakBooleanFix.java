package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;

/** VAL006: a number where a boolean belongs ("1 is read as true"): write the boolean Fabric reads. */
final class WeakBooleanFix implements CodeActionParticipant {

    private static final Pattern READ_AS = Pattern.compile("is read as (true|false); write true or false");

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        Matcher m = READ_AS.matcher(request.message());
        if (!request.code().equals("VAL006") || !m.find()) {
            return;
        }
        request.node().filter(n -> !n.onKey() && n.node() instanceof YamlScalar).ifPresent(n -> out.add(request.fix(
                "Write " + m.group(1), true, List.of(new TextEdit(DocumentModel.lsp(n.node().range()), m.group(1))))));
    }
}
