package io.raftlens.lsp.features.actions;

import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;

/** Removes a key Fabric rejects: unknown, removed in this release, or written twice. */
final class RemoveKeyFix implements CodeActionParticipant {

    private static final Set<String> CODES = Set.of("VAL001", "VAL011", "ORD001", "ORD002", "YAML002");

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!CODES.contains(request.code())) {
            return;
        }
        request.node().filter(n -> n.onKey()).ifPresent(n -> out.add(request.fix(
                (request.code().equals("YAML002") ? "Remove duplicate key '" : "Remove key '") + n.key() + "'",
                out.isEmpty(), List.of(new TextEdit(request.entryLines(n.entry()), "")))));
    }
}
