package io.raftlens.raft.transport;

/** A block request that got no usable answer: the link closed, the peer refused it, or it timed out. */
public final class BlockRequestException extends TransportException {
    private final boolean refused;

    public BlockRequestException(String message) {
        this(message, false);
    }

    /** @param refused the peer answered that this node may not pull the channel's blocks (not a consenter there) */
    public BlockRequestException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** The peer refused the request (rather than being unreachable or slow). */
    public boolean refused() {
        return refused;
    }
}
