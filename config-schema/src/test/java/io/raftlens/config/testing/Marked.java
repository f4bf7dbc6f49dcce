package io.raftlens.config.testing;

import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.TextIndex;

/**
 * A YAML text with the expected diagnostic range marked by « and »; {@link #text()} is the text without
 * the markers.
 */
public record Marked(String text, Range range) {

    public static Marked of(String marked) {
        int start = marked.indexOf('«');
        int end = marked.indexOf('»');
        if (start < 0 || end < start || marked.indexOf('«', start + 1) >= 0) {
            throw new IllegalArgumentException("need exactly one «…» marker pair");
        }
        String text = marked.substring(0, start) + marked.substring(start + 1, end) + marked.substring(end + 1);
        TextIndex index = new TextIndex(text);
        return new Marked(text, new Range(index.atOffset(start), index.atOffset(end - 1)));
    }
}
