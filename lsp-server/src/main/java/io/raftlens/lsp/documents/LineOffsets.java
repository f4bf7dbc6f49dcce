package io.raftlens.lsp.documents;

import org.eclipse.lsp4j.Position;

/** LSP position (line, UTF-16 character) to text offset, clamped to the text like editors expect. */
final class LineOffsets {

    private final String text;
    private final int[] starts;

    LineOffsets(String text) {
        this.text = text;
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        starts = new int[n];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
    }

    int offset(Position p) {
        if (p.getLine() < 0) {
            return 0;
        }
        if (p.getLine() >= starts.length) {
            return text.length();
        }
        int start = starts[p.getLine()];
        int lineEnd = p.getLine() + 1 < starts.length ? starts[p.getLine() + 1] - 1 : text.length();
        return Math.min(start + Math.max(0, p.getCharacter()), lineEnd);
    }
}
