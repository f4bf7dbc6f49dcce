package io.raftlens.lsp.documents;

import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One open document: its text and version, edited incrementally, with the parsed {@link DocumentModel}
 * cached for the current version (parsed lazily, once per version, whichever feature asks first).
 */
public final class TextDocument {

    private final String uri;
    private int version;
    private String text;
    private DocumentModel model;

    public TextDocument(String uri, String text, int version) {
        this.uri = uri;
        this.text = text;
        this.version = version;
    }

    public String uri() {
        return uri;
    }

    public synchronized int version() {
        return version;
    }

    public synchronized String text() {
        return text;
    }

    /** Applies LSP content changes in order (ranged = incremental, unranged = whole text). */
    public synchronized void apply(int newVersion, List<TextDocumentContentChangeEvent> changes) {
        String t = text;
        for (TextDocumentContentChangeEvent change : changes) {
            if (change.getRange() == null) {
                t = change.getText();
            } else {
                LineOffsets lines = new LineOffsets(t);
                int start = lines.offset(change.getRange().getStart());
                int end = Math.max(start, lines.offset(change.getRange().getEnd()));
                t = t.substring(0, start) + change.getText() + t.substring(end);
            }
        }
        text = t;
        version = newVersion;
        model = null;
    }

    /** The parsed model of the current version; built on first use and reused until the next change. */
    public synchronized DocumentModel model() {
        if (model == null) {
            model = DocumentModel.build(uri, version, text);
        }
        return model;
    }
}
