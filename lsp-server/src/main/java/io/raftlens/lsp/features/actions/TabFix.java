package io.raftlens.lsp.features.actions;

import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** YAML001 on a tab: replace the line's indentation tabs with two spaces each. */
final class TabFix implements CodeActionParticipant {

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!request.code().equals("YAML001") || !request.message().contains("tab")) {
            return;
        }
        int line = request.diagnostic().getRange().getStart().getLine();
        String text = request.model().line(line);
        int indentEnd = 0;
        while (indentEnd < text.length() && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
            indentEnd++;
        }
        String indent = text.substring(0, indentEnd);
        if (!indent.contains("\t")) {
            return;
        }
        out.add(request.fix("Replace tabs with spaces", true, List.of(new TextEdit(
                new Range(new Position(line, 0), new Position(line, indentEnd)), indent.replace("\t", "  ")))));
    }
}
