package io.raftlens.lsp.documents;

import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.YamlParser;
import io.raftlens.config.yaml.YamlProblem;
import java.util.Optional;

/**
 * Parses text that may be half-typed. The YAML parser stops at the first syntax error, so the lines
 * after it would lose every feature; instead the offending line is blanked (offsets unchanged) and the
 * text parsed again, a bounded number of times. Diagnostics still come from the real text.
 */
final class TolerantParser {

    private static final int MAX_REPAIRS = 8;

    private TolerantParser() {
    }

    static ParsedYaml parse(String text) {
        ParsedYaml parsed = YamlParser.parse(text);
        char[] chars = null;
        int lastBlanked = -1;
        for (int i = 0; i < MAX_REPAIRS; i++) {
            Optional<YamlProblem> syntax = parsed.problems().stream()
                    .filter(p -> p.kind() == YamlProblem.Kind.SYNTAX).findFirst();
            if (syntax.isEmpty()) {
                break;
            }
            if (chars == null) {
                chars = text.toCharArray();
            }
            int line = syntax.get().range().start().line();
            // a half-typed key (a bare word where keys are) is the usual culprit, and the scanner often
            // notices it only a line or two later; otherwise blank the reported line, or the one before
            int target = bareWordLine(chars, line);
            if (target < 0) {
                target = line == lastBlanked || isBlank(chars, line) ? previousContentLine(chars, line) : line;
            }
            if (target < 0 || !blank(chars, target)) {
                break;
            }
            lastBlanked = target;
            parsed = YamlParser.parse(new String(chars));
        }
        if (chars == null) {
            return parsed;
        }
        // keep the real text so features read what the user sees
        return new ParsedYaml(text, parsed.documents(), parsed.problems());
    }

    private static int bareWordLine(char[] chars, int line) {
        for (int l = line; l >= Math.max(0, line - 3); l--) {
            int start = lineStart(chars, l);
            if (start < 0) {
                continue;
            }
            int end = start;
            while (end < chars.length && chars[end] != '\n') {
                end++;
            }
            LineShape shape = LineShape.of(new String(chars, start, end - start));
            if (shape != null && shape.key() == null && shape.dashes().isEmpty()
                    && shape.rest().matches("[A-Za-z0-9_.<-]+\\s*")) {
                return l;
            }
        }
        return -1;
    }

    private static boolean blank(char[] chars, int line) {
        int start = lineStart(chars, line);
        if (start < 0) {
            return false;
        }
        boolean changed = false;
        for (int i = start; i < chars.length && chars[i] != '\n' && chars[i] != '\r'; i++) {
            if (chars[i] != ' ') {
                chars[i] = ' ';
                changed = true;
            }
        }
        return changed;
    }

    private static boolean isBlank(char[] chars, int line) {
        int start = lineStart(chars, line);
        if (start < 0) {
            return true;
        }
        for (int i = start; i < chars.length && chars[i] != '\n'; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private static int previousContentLine(char[] chars, int line) {
        for (int l = line - 1; l >= 0; l--) {
            if (!isBlank(chars, l)) {
                return l;
            }
        }
        return -1;
    }

    private static int lineStart(char[] chars, int line) {
        int l = 0;
        for (int i = 0; i < chars.length; i++) {
            if (l == line) {
                return i;
            }
            if (chars[i] == '\n') {
                l++;
            }
        }
        return l == line ? chars.length : -1;
    }
}
