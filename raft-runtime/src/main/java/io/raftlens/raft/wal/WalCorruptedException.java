package io.raftlens.raft.wal;

import java.nio.file.Path;

/**
 * A record in the middle of the log (or a segment structure) is damaged: the node must not start from it,
 * because truncating there could drop entries it already acknowledged to the leader.
 */
public final class WalCorruptedException extends WalException {
    private final Path file;
    private final long offset;

    public WalCorruptedException(Path file, long offset, String reason) {
        super("WAL " + file + " is corrupt at offset " + offset + ": " + reason
                + "; restore this node from a snapshot or remove its data dir to rejoin");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
