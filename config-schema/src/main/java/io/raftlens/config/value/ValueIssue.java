package io.raftlens.config.value;

import io.raftlens.config.yaml.Range;

/**
 * A problem found while reading a YAML value the way Fabric does. Rules turn these into coded
 * diagnostics; {@code kind} says which rule reports it.
 *
 * @param path the Fabric field path as Fabric prints it, e.g. {@code Orderer.BatchSize.MaxMessageCount}
 */
public record ValueIssue(Kind kind, boolean error, String path, String message, Range range) {

    public enum Kind {
        /** A key the Go struct does not have (Fabric: "'path' has invalid keys: k"). */
        UNKNOWN_KEY,
        /** A key that exists in another Fabric release but not in the one validated (Kafka under Fabric 3). */
        VERSION_KEY,
        /** A mapping where a value is expected, a list where a mapping is expected, … */
        WRONG_SHAPE,
        /** Not a number, boolean or size the field accepts. */
        BAD_VALUE,
        /** A negative number in an unsigned field, which Fabric silently wraps. */
        NEGATIVE,
        /** A number too large for the field. */
        OVERFLOW,
        /** Accepted by Fabric's weak typing, but not what it looks like (010 is 8, true is 1, 1.5 is 1). */
        WEAK_CONVERSION,
        /** Not a Go duration. */
        BAD_DURATION,
        /** A bare integer in a time.Duration field: nanoseconds. */
        BARE_DURATION,
        /** A ${VAR} placeholder: not checked. */
        PLACEHOLDER,
        /** A {@code File:} reference to a file that is missing or unreadable. */
        FILE_REFERENCE,
        /** A {@code File:} reference to a readable file: RaftLens does not read it (reported by the FILE_REFERENCE rule). */
        FILE_REFERENCE_NOT_READ
    }
}
