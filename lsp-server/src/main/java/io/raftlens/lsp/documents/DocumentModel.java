package io.raftlens.lsp.documents;

import io.raftlens.config.validate.FileKind;
import io.raftlens.config.validate.FileKinds;
import io.raftlens.config.validate.Modeline;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.TextIndex;
import io.raftlens.config.yaml.YamlMapping;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One version of a document, parsed: what every feature reads. Immutable.
 *
 * @param path the file, or null when the URI is not a file URI
 * @param kind configtx or orderer; empty when the document is not in scope (other YAML is never touched)
 * @param yaml the tree used by features: when the text has syntax errors, the tree of the text with the
 *             offending lines blanked out, so the rest of the file still gets completion, hover, outline…
 */
public record DocumentModel(String uri, int version, String text, Path path, Optional<FileKind> kind,
                            ParsedYaml yaml, TextIndex index) {

    public static DocumentModel build(String uri, int version, String text) {
        Path path = pathOf(uri);
        Optional<FileKind> kind = scope(path, text);
        ParsedYaml yaml = kind.isPresent() ? TolerantParser.parse(text) : new ParsedYaml(text, java.util.List.of(), java.util.List.of());
        return new DocumentModel(uri, version, text, path, kind, yaml, new TextIndex(text));
    }

    /** configtx*.yaml, orderer*.yaml, or a {@code # raftlens:} modeline; never any other YAML. */
    public static Optional<FileKind> scope(Path path, String text) {
        Optional<Modeline> modeline = Modeline.find(text);
        if (modeline.isPresent()) {
            return Optional.of(modeline.get().kind());
        }
        return FileKinds.byName(path);
    }

    public boolean inScope() {
        return kind.isPresent();
    }

    public Optional<YamlMapping> root() {
        return yaml.root();
    }

    public Position positionAt(org.eclipse.lsp4j.Position p) {
        String line = index.line(p.getLine());
        int column = Math.min(Math.max(0, p.getCharacter()), line.length());
        int lineStart = index.atLineColumn(p.getLine(), 0).offset();
        return index.atOffset(lineStart + column);
    }

    public int offsetAt(org.eclipse.lsp4j.Position p) {
        return positionAt(p).offset();
    }

    public String line(int line) {
        return index.line(line);
    }

    public static org.eclipse.lsp4j.Position lsp(Position p) {
        return new org.eclipse.lsp4j.Position(p.line(), p.column());
    }

    public static org.eclipse.lsp4j.Range lsp(Range r) {
        return new org.eclipse.lsp4j.Range(lsp(r.start()), lsp(r.end()));
    }

    public org.eclipse.lsp4j.Range lspRange(int startOffset, int endOffset) {
        return new org.eclipse.lsp4j.Range(lsp(index.atOffset(startOffset)), lsp(index.atOffset(endOffset)));
    }

    private static Path pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : Path.of(u.getPath() == null ? uri : u.getPath());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
