package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;

/** A duration written without a unit (read as nanoseconds): add "s" or "ms". */
final class DurationUnitFix implements CodeActionParticipant {

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!request.code().equals("VAL008")) {
            return;
        }
        request.node().filter(n -> !n.onKey() && n.node() instanceof YamlScalar s && s.value().matches("[0-9]+"))
                .ifPresent(n -> {
                    YamlScalar s = (YamlScalar) n.node();
                    boolean first = true;
                    for (String unit : List.of("s", "ms")) {
                        out.add(request.fix("Write " + s.value() + unit, first,
                                List.of(new TextEdit(DocumentModel.lsp(s.range()), s.value() + unit))));
                        first = false;
                    }
                });
    }
}
