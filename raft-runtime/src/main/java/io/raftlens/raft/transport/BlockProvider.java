package io.raftlens.raft.transport;

import java.util.Optional;

/**
 * Serves this node's committed blocks to consenters catching up after a snapshot. Called off the event loops (it
 * may read the ledger from disk), one request at a time; must be thread-safe with the node's own appends.
 */
@FunctionalInterface
public interface BlockProvider {
    /** Serves nothing: every request is answered "not available". */
    BlockProvider NONE = (channel, number) -> Optional.empty();

    /** The serialized {@code common.Block} {@code number} of {@code channel}, or empty if this node lacks it. */
    Optional<byte[]> block(String channel, long number);
}
