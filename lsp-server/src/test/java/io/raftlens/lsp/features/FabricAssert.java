package io.raftlens.lsp.features;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.service.FabricLanguageService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LemMinX-style helpers: text with a {@code |} cursor marker, the language service called directly,
 * factories for expected ranges, diagnostics and edits.
 */
public final class FabricAssert {

    public static final CancelChecker NEVER = () -> { };
    public static final FabricLanguageService SERVICE = new FabricLanguageService();

    /** A document and the cursor position marked with {@code |}. */
    public record Doc(DocumentModel model, Position cursor) {}

    private FabricAssert() {
    }

    public static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    public static Doc doc(String textWithCursor) {
        return doc(textWithCursor, "/work/test/configtx.yaml");
    }

    public static Doc doc(String textWithCursor, String file) {
        int at = textWithCursor.indexOf('|');
        String text = at < 0 ? textWithCursor : textWithCursor.substring(0, at) + textWithCursor.substring(at + 1);
        DocumentModel model = DocumentModel.build(Path.of(file).toUri().toString(), 1, text);
        Position cursor = at < 0 ? new Position(0, 0) : DocumentModel.lsp(model.index().atOffset(at));
        return new Doc(model, cursor);
    }

    public static Range r(int sl, int sc, int el, int ec) {
        return new Range(new Position(sl, sc), new Position(el, ec));
    }

    public static TextEdit te(int sl, int sc, int el, int ec, String text) {
        return new TextEdit(r(sl, sc, el, ec), text);
    }

    /** "code@sl:sc-el:ec message" — one line per diagnostic, so a failure shows the whole difference. */
    public static String d(int sl, int sc, int el, int ec, String code, String message) {
        return code + "@" + sl + ":" + sc + "-" + el + ":" + ec + " " + message;
    }

    public static String show(Diagnostic d) {
        Range r = d.getRange();
        return d(r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(), r.getEnd().getCharacter(),
                d.getCode().getLeft(), d.getMessage().getLeft());
    }

    public static List<Diagnostic> diagnostics(Doc doc) {
        return SERVICE.diagnostics(doc.model(), LspSettings.defaults(), NEVER);
    }

    public static void testDiagnosticsFor(String text, String file, String... expected) {
        List<Diagnostic> actual = diagnostics(doc(text, file));
        assertEquals(String.join("\n", expected), actual.stream().map(FabricAssert::show).collect(Collectors.joining("\n")));
    }

    public static List<CompletionItem> completion(String textWithCursor) {
        Doc doc = doc(textWithCursor);
        return SERVICE.completion(doc.model(), doc.cursor(), LspSettings.defaults(), NEVER).getItems();
    }

    public static List<String> labels(List<CompletionItem> items) {
        List<String> labels = new ArrayList<>();
        items.forEach(i -> labels.add(i.getLabel()));
        return labels;
    }

    public static void testCompletionLabels(String textWithCursor, String... expected) {
        assertEquals(Arrays.asList(expected), labels(completion(textWithCursor)));
    }

    public static CompletionItem item(List<CompletionItem> items, String label) {
        return items.stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no completion '" + label + "' in " + labels(items)));
    }
}
