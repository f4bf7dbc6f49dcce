package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;

/** ORD007: Admin TLS without client authentication: set ClientAuthRequired to true. */
final class AdminClientAuthFix implements CodeActionParticipant {

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!request.code().equals("ORD007")) {
            return;
        }
        request.node().filter(n -> "ClientAuthRequired".equalsIgnoreCase(n.key()))
                .map(n -> n.entry().value()).filter(YamlScalar.class::isInstance)
                .ifPresent(v -> out.add(request.fix("Set ClientAuthRequired to true", true,
                        List.of(new TextEdit(DocumentModel.lsp(v.range()), "true")))));
    }
}
