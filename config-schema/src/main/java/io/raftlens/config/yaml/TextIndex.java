package io.raftlens.config.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts snakeyaml marks (line and column in code points) into {@link Position}s whose columns and
 * offsets count UTF-16 code units, as LSP does. Also answers offset → position for any text.
 */
public final class TextIndex {

    private final String text;
    private final int[] lineStarts;
    private final boolean hasSurrogates;

    public TextIndex(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        boolean surrogates = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            } else if (Character.isSurrogate(c)) {
                surrogates = true;
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.hasSurrogates = surrogates;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Position of a mark given as 0-based line and code-point column. */
    public Position atLineColumn(int line, int codePointColumn) {
        if (line >= lineStarts.length) {
            return end();
        }
        int start = lineStarts[line];
        int offset;
        if (hasSurrogates) {
            try {
                offset = text.offsetByCodePoints(start, codePointColumn);
            } catch (IndexOutOfBoundsException e) {
                offset = text.length();
            }
        } else {
            offset = Math.min(start + codePointColumn, text.length());
        }
        return new Position(line, offset - start, offset);
    }

    /** Position of a UTF-16 offset. */
    public Position atOffset(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= o) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(lo, o - lineStarts[lo], o);
    }

    public Position end() {
        return atOffset(text.length());
    }

    /** The range of the token starting at {@code p}: up to the next blank or YAML indicator, at least one character. */
    public Range tokenAt(Position p) {
        int o = p.offset();
        int e = o;
        while (e < text.length() && " \t\r\n,[]{}#".indexOf(text.charAt(e)) < 0) {
            e++;
        }
        if (e == o && o < text.length() && text.charAt(o) != '\n' && text.charAt(o) != '\r') {
            e = o + 1;
        }
        return new Range(p, atOffset(e));
    }

    /** The text of the 0-based line, without its line break. */
    public String line(int line) {
        if (line < 0 || line >= lineStarts.length) {
            return "";
        }
        int s = lineStarts[line];
        int e = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        while (e > s && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
            e--;
        }
        return text.substring(s, e);
    }
}
