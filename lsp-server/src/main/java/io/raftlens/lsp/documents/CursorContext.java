package io.raftlens.lsp.documents;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user is typing at the cursor, worked out from the text's indentation rather than the tree,
 * so it holds on the half-typed line that made the YAML invalid.
 *
 * @param kind        a key, a value, an alias name after {@code *}, or nothing to complete
 * @param parentPath  key path of the mapping the key (or the value's key) is in; {@code "[]"} for list items
 * @param key         the key whose value is typed (VALUE), else null
 * @param column      column where the key (or value or alias name) starts
 * @param prefix      what is typed so far (from {@code column} to the cursor)
 * @param listItem    true when the cursor's line starts a list item ({@code - })
 */
public record CursorContext(Kind kind, List<String> parentPath, String key, int line, int column, String prefix,
                            boolean listItem) {

    public enum Kind { KEY, VALUE, ALIAS, NONE }

    private static final Pattern ALIAS = Pattern.compile("(?:^|[\\s\\[,{])\\*([^\\s,\\[\\]{}]*)$");
    private static final Pattern VALUE = Pattern.compile("^(\"[^\"]*\"|'[^']*'|[^#:]+?|<<)\\s*:\\s+(.*)$");
    private static final Pattern KEY_PREFIX = Pattern.compile("^[A-Za-z0-9_.<-]*$");

    public CursorContext {
        parentPath = List.copyOf(parentPath);
    }

    public static CursorContext at(DocumentModel model, org.eclipse.lsp4j.Position position) {
        int line = position.getLine();
        String text = model.line(line);
        String before = text.substring(0, Math.min(Math.max(0, position.getCharacter()), text.length()));
        if (inComment(before)) {
            return none(line);
        }
        Matcher alias = ALIAS.matcher(before);
        if (alias.find()) {
            return new CursorContext(Kind.ALIAS, List.of(), null, line, alias.start(1), alias.group(1), false);
        }
        LineShape shape = LineShape.of(before);
        List<Integer> dashes = shape == null ? List.of() : shape.dashes();
        int column = shape == null ? before.length() : shape.column();
        String rest = shape == null ? "" : shape.rest();
        Deque<String> path = new ArrayDeque<>();
        for (int i = 0; i < dashes.size(); i++) {
            path.addFirst("[]");
        }
        if (dashes.isEmpty()) {
            ancestors(model, line, column, false, path);
        } else {
            ancestors(model, line, dashes.get(0), true, path);
        }
        if (path.size() > YamlWalker.MAX_DEPTH) {
            return none(line); // no Fabric key is that deep (a hostile document): nothing to complete
        }
        List<String> parent = new ArrayList<>(path);
        Matcher value = VALUE.matcher(rest);
        if (value.matches()) {
            String key = unquote(value.group(1).strip());
            int valueColumn = column + value.start(2);
            return new CursorContext(Kind.VALUE, parent, key, line, valueColumn, value.group(2), !dashes.isEmpty());
        }
        if (KEY_PREFIX.matcher(rest).matches()) {
            return new CursorContext(Kind.KEY, parent, null, line, column, rest, !dashes.isEmpty());
        }
        return none(line);
    }

    /** The path to the mapping or list under which the line sits, innermost segment last. */
    private static void ancestors(DocumentModel model, int line, int limit, boolean listOwner, Deque<String> path) {
        int l = line - 1;
        while (l >= 0 && limit > 0 && path.size() <= YamlWalker.MAX_DEPTH) {
            String text = model.line(l--);
            if (LineShape.isDocumentStart(text)) {
                return;
            }
            LineShape s = LineShape.of(text);
            if (s == null) {
                continue;
            }
            List<Integer> dashes = s.dashes();
            if (s.key() != null && (listOwner ? s.column() <= limit : s.column() < limit)
                    && (dashes.isEmpty() || dashes.get(0) < limit)) {
                path.addFirst(s.key());
                for (int i = 0; i < dashes.size(); i++) {
                    path.addFirst("[]");
                }
                listOwner = !dashes.isEmpty();
                limit = dashes.isEmpty() ? s.column() : dashes.get(0);
            } else if (!listOwner && !dashes.isEmpty() && dashes.get(0) < limit) {
                int inner = 0;
                for (int d : dashes) {
                    if (d < limit) {
                        inner++;
                    }
                }
                for (int i = 0; i < inner; i++) {
                    path.addFirst("[]");
                }
                listOwner = true;
                limit = dashes.get(0);
            } else if (listOwner && dashes.isEmpty() && s.column() < limit) {
                return; // a scalar where a list owner was expected: broken structure, stop here
            }
        }
        if (listOwner && limit == 0) {
            // a list at column 0 may belong to a key at column 0 (compact style)
            for (; l >= 0; l--) {
                LineShape s = LineShape.of(model.line(l));
                if (s != null) {
                    if (s.key() != null && s.column() == 0 && s.dashes().isEmpty()) {
                        path.addFirst(s.key());
                    }
                    return;
                }
            }
        }
    }

    private static boolean inComment(String before) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(before.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static CursorContext none(int line) {
        return new CursorContext(Kind.NONE, List.of(), null, line, 0, "", false);
    }
}
