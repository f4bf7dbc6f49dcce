package io.raftlens.lsp.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The block-structure of one YAML line as written, read without a parser so that half-typed files still
 * work: the columns of its list dashes and where its content (usually a key) starts.
 *
 * @param dashes  columns of the {@code - } indicators, outermost first
 * @param column  column where the content after the dashes starts
 * @param key     the mapping key written at {@code column}, unquoted, or null
 * @param rest    the content from {@code column}
 */
public record LineShape(List<Integer> dashes, int column, String key, String rest) {

    private static final Pattern KEY = Pattern.compile("^(\"[^\"]*\"|'[^']*'|[^\\s#'\"{\\[&*!|>-][^:#]*?|<<|-[^\\s:#][^:#]*?)\\s*:(?:\\s|$)");

    /** The shape of a line, or null for a blank line, a comment or a document marker. */
    public static LineShape of(String line) {
        int i = 0;
        List<Integer> dashes = new ArrayList<>(1);
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '-' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                if (dashes.isEmpty() && line.startsWith("---", i)) {
                    return null;
                }
                dashes.add(i);
                i++;
                continue;
            }
            break;
        }
        String rest = line.substring(i);
        if ((rest.isEmpty() || rest.startsWith("#")) && dashes.isEmpty()) {
            return null;
        }
        if (line.startsWith("---") || line.startsWith("...")) {
            return null;
        }
        Matcher m = KEY.matcher(rest);
        String key = null;
        if (m.find()) {
            key = m.group(1);
            if (key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'"))) {
                key = key.substring(1, key.length() - 1);
            }
        }
        return new LineShape(List.copyOf(dashes), i, key, rest);
    }

    /** True when the line is a document marker ({@code ---}). */
    public static boolean isDocumentStart(String line) {
        return line.startsWith("---");
    }
}
