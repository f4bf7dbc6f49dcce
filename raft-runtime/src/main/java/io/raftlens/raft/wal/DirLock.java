package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An exclusive lock on a data directory (file {@code LOCK} in it), so two node processes — or two nodes in one
 * JVM — never write the same WAL or ledger, as etcd locks its WAL files. Released by {@link #close()} or when
 * the process dies.
 */
public final class DirLock implements AutoCloseable {
    public static final String FILE = "LOCK";

    private final LockFile lock;

    private DirLock(LockFile lock) {
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message naming the directory and what to do. */
    public static DirLock acquire(Path dir, String what) {
        try {
            return new DirLock(LockFile.tryAcquire(dir.resolve(FILE), false).orElseThrow(() -> inUse(dir, what)));
        } catch (IOException e) {
            throw new WalException("cannot lock " + what + " " + dir + ": " + e.getMessage(), e);
        }
    }

    private static WalException inUse(Path dir, String what) {
        return new WalException(what + " " + dir + " is in use by another running node; stop it or use another data dir");
    }

    @Override
    public void close() {
        lock.close();
    }
}
