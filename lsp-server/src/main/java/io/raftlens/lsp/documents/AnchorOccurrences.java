package io.raftlens.lsp.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code &anchor} and {@code *alias} written in a document, found in the text (outside comments
 * and quoted scalars) so that rename and go-to work on half-typed files too.
 */
public final class AnchorOccurrences {

    /** One occurrence; offsets span the name only (without {@code &} or {@code *}). */
    public record Occurrence(String name, boolean anchor, int line, int start, int end) {}

    private final List<Occurrence> all;

    private AnchorOccurrences(List<Occurrence> all) {
        this.all = List.copyOf(all);
    }

    /** The occurrences of the model's version (scanned once, see {@link DocumentModel#anchors()}). */
    public static AnchorOccurrences of(DocumentModel model) {
        return model.anchors();
    }

    static AnchorOccurrences scan(String text) {
        List<Occurrence> found = new ArrayList<>();
        if (text.indexOf('&') < 0 && text.indexOf('*') < 0) {
            return new AnchorOccurrences(found);
        }
        int line = 0;
        boolean comment = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                comment = false;
                quote = 0;
                continue;
            }
            if (comment) {
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            boolean boundary = i == 0 || " \t[{,\n".indexOf(text.charAt(i - 1)) >= 0;
            if (c == '#' && boundary) {
                comment = true;
            } else if ((c == '"' || c == '\'') && boundary) {
                quote = c;
            } else if ((c == '&' || c == '*') && boundary) {
                int e = i + 1;
                while (e < text.length() && " \t\r\n,[]{}".indexOf(text.charAt(e)) < 0) {
                    e++;
                }
                if (e > i + 1) {
                    found.add(new Occurrence(text.substring(i + 1, e), c == '&', line, i + 1, e));
                }
                i = e - 1;
            }
        }
        return new AnchorOccurrences(found);
    }

    public List<Occurrence> all() {
        return all;
    }

    /** The occurrence whose name (or its {@code &}/{@code *} indicator) is at the offset. */
    public Optional<Occurrence> at(int offset) {
        return all.stream().filter(o -> o.start() - 1 <= offset && offset <= o.end()).findFirst();
    }

    /** The anchor an alias at {@code aliasOffset} refers to: the last definition before it, as in YAML. */
    public Optional<Occurrence> definition(String name, int aliasOffset) {
        Occurrence best = null;
        for (Occurrence o : all) {
            if (o.anchor() && o.name().equals(name) && (best == null || o.start() < aliasOffset)) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<String> anchorNames() {
        return all.stream().filter(Occurrence::anchor).map(Occurrence::name).distinct().toList();
    }

    public List<Occurrence> named(String name) {
        return all.stream().filter(o -> o.name().equals(name)).toList();
    }
}
