package io.raftlens.raft.transport;

/** A block request that got no usable answer: the link closed, the peer refused it, or it timed out. */
public final class BlockRequestException extends TransportException {
    public BlockRequestException(String message) {
        super(message);
    }
}
