package io.raftlens.config.yaml;

/** A half-open span of source text, {@code [start, end)}. */
public record Range(Position start, Position end) {

    public static final Range EMPTY = new Range(Position.START, Position.START);

    public Range {
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("range end " + end + " before start " + start);
        }
    }

    public boolean contains(Position p) {
        return start.compareTo(p) <= 0 && p.compareTo(end) <= 0;
    }
}
