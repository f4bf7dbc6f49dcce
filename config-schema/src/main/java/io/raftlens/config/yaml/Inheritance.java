package io.raftlens.config.yaml;

import java.util.Optional;

/**
 * Why a mapping entry is present although it is not written in that mapping: it came in through a
 * merge key {@code <<: *anchor}.
 *
 * @param anchor      the anchor merged in, or null for an inline mapping merged with {@code <<: {...}}
 * @param anchorRange where that anchor (or inline mapping) is defined
 * @param mergeRange  the {@code <<} merge value (alias or mapping) that brought it in
 * @param via         set when the merged mapping itself inherited the entry from another anchor
 */
public record Inheritance(String anchor, Range anchorRange, Range mergeRange, Optional<Inheritance> via) {

    /** "inherited from &OrdererDefaults, line 73" (1-based line). */
    public String describe() {
        String from = anchor == null ? "a merged mapping" : "&" + anchor;
        return "inherited from " + from + ", line " + (anchorRange.start().line() + 1);
    }

    /** The first anchor in the chain: where the entry was really written. */
    public Inheritance origin() {
        return via.map(Inheritance::origin).orElse(this);
    }
}
