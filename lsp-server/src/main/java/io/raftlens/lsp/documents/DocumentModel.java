package io.raftlens.lsp.documents;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.FileKinds;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.TextIndex;
import io.raftlens.config.yaml.YamlMapping;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One version of a document: what every feature reads. The YAML tree is parsed on first use (validation
 * alone does not need it) and kept for the life of this version.
 */
public final class DocumentModel {

    private final String uri;
    private final int version;
    private final String text;
    private final Path path;
    private final Optional<FileKind> kind;
    private final TextIndex index;
    private ParsedYaml yaml;
    private AnchorOccurrences anchors;

    private DocumentModel(String uri, int version, String text, Path path, Optional<FileKind> kind) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.path = path;
        this.kind = kind;
        this.index = new TextIndex(text);
    }

    public static DocumentModel build(String uri, int version, String text) {
        Path path = pathOf(uri);
        return new DocumentModel(uri, version, text, path, scope(path, text));
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    /** The file, or null when the URI is not a file URI. */
    public Path path() {
        return path;
    }

    /** configtx or orderer; empty when the document is not in scope (other YAML is never touched). */
    public Optional<FileKind> kind() {
        return kind;
    }

    public TextIndex index() {
        return index;
    }

    /**
     * The tree used by features: when the text has syntax errors, the tree of the text with the
     * offending lines blanked out, so the rest of the file still gets completion, hover, outline…
     */
    public synchronized ParsedYaml yaml() {
        if (yaml == null) {
            yaml = kind.isPresent() ? TolerantParser.parse(text) : new ParsedYaml(text, java.util.List.of(), java.util.List.of());
        }
        return yaml;
    }

    /** The anchors and aliases written in the text, found once per version (go-to, rename and completion all ask). */
    public synchronized AnchorOccurrences anchors() {
        if (anchors == null) {
            anchors = AnchorOccurrences.scan(text);
        }
        return anchors;
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
        return yaml().root();
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
