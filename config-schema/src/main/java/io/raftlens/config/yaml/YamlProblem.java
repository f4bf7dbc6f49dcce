package io.raftlens.config.yaml;

/**
 * Something wrong at the YAML level. Rules in {@code io.raftlens.config.validate} turn these into
 * coded diagnostics.
 *
 * @param related where the first definition is (duplicate keys), or null
 */
public record YamlProblem(Kind kind, String message, Range range, Range related) {

    public enum Kind {
        /** Not valid YAML; the range is the offending token. */
        SYNTAX,
        /** A key written twice in one mapping. */
        DUPLICATE_KEY,
        /** An alias to an anchor that is not defined (before it). */
        UNDEFINED_ALIAS,
        /** A merge key whose value is not a mapping or a list of mappings. */
        BAD_MERGE,
        /** Too big, too deep or an alias bomb: refused to protect the editor and CI. */
        LIMIT,
        /**
         * Not reported itself: a collection (from its key to its end) that holds an alias that could not be
         * resolved, so its content is incomplete. Findings inside it follow from the {@link #UNDEFINED_ALIAS}
         * (Fabric stops at "unknown anchor") and are suppressed.
         */
        INCOMPLETE
    }
}
