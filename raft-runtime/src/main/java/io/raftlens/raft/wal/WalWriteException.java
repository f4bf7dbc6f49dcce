package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writing or syncing the log failed (most often a full disk). The log stops accepting writes: after a failed
 * fsync the page cache state is unknown, so retrying could acknowledge data that never reached the disk.
 * Nothing that was not synced has been acknowledged, so restarting the node after fixing the disk is safe.
 */
public final class WalWriteException extends WalException {
    private final Path file;
    private final boolean diskFull;

    private WalWriteException(String message, Path file, boolean diskFull, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.diskFull = diskFull;
    }

    /** Builds the exception for an I/O failure of {@code what} (e.g. "write", "fsync") on {@code file}. */
    public static WalWriteException of(String owner, String what, Path file, IOException cause) {
        boolean full = isDiskFull(cause);
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String message = full
                ? owner + ": disk full, cannot " + what + " " + file + " (" + reason
                    + "); free space on that volume and restart the node (nothing unsynced was acknowledged)"
                : owner + ": cannot " + what + " " + file + " (" + reason
                    + "); check the disk and restart the node (nothing unsynced was acknowledged)";
        return new WalWriteException(message, file, full, cause);
    }

    /** Wraps an earlier failure for writes attempted after the log stopped. */
    static WalWriteException stopped(WalWriteException first) {
        return new WalWriteException("the log stopped after an earlier failure: " + first.getMessage(),
                first.file, first.diskFull, first);
    }

    static boolean isDiskFull(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return false;
        }
        String s = m.toLowerCase(Locale.ROOT);
        return s.contains("no space left") || s.contains("disk quota exceeded") || s.contains("not enough space")
                || s.contains("disk full");
    }

    public Path file() {
        return file;
    }

    /** True when the cause is ENOSPC / quota (the operator's fix is freeing space). */
    public boolean diskFull() {
        return diskFull;
    }
}
