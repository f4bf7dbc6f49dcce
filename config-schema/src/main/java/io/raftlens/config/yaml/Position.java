package io.raftlens.config.yaml;

/**
 * A place in a source text. Line and column are 0-based (as in LSP); {@code offset} is the 0-based
 * character index into the text. Columns count UTF-16 code units, which is what LSP clients expect.
 */
public record Position(int line, int column, int offset) implements Comparable<Position> {

    public static final Position START = new Position(0, 0, 0);

    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    /** "line:column", 1-based, the way people and compilers print it. */
    @Override
    public String toString() {
        return (line + 1) + ":" + (column + 1);
    }
}
