package io.raftlens.lsp.documents;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The documents the client has open, by URI. Thread-safe. */
public final class OpenDocuments {

    private final ConcurrentMap<String, TextDocument> byUri = new ConcurrentHashMap<>();

    public TextDocument open(String uri, String text, int version) {
        TextDocument doc = new TextDocument(uri, text, version);
        byUri.put(uri, doc);
        return doc;
    }

    public Optional<TextDocument> get(String uri) {
        return Optional.ofNullable(byUri.get(uri));
    }

    public Optional<TextDocument> close(String uri) {
        return Optional.ofNullable(byUri.remove(uri));
    }

    public Collection<TextDocument> all() {
        return byUri.values();
    }
}
