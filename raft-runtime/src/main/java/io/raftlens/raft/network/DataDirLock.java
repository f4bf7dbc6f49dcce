package io.raftlens.raft.network;

import io.raftlens.raft.wal.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The lock on a whole data directory (file {@value #FILE} in it), taken before anything in it is deleted or
 * written. {@code raftlens launch} and the editor hold it exclusively (they own every node's folder, and
 * {@code --fresh} empties the directory); each {@code raftlens node} process holds it shared (it owns only its
 * node's folder, which the WAL and ledger locks guard), so several nodes can share a data dir while a launch,
 * or a {@code --fresh}, is refused. The OS releases it when the process dies. Within one JVM the holders are
 * counted, because a JVM cannot lock the same file twice.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = "raftlens.lock";

    /** The locks this JVM holds, by real path of the lock file. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final LockFile lock;
        final boolean shared;
        int holders = 1;

        Held(LockFile lock, boolean shared) {
            this.lock = lock;
            this.shared = shared;
        }
    }

    private final Path key;
    private boolean closed;

    private DataDirLock(Path key) {
        this.key = key;
    }

    /**
     * Takes the lock of {@code root} (which must exist) or fails at once.
     *
     * @throws IllegalStateException naming the directory and what to do
     */
    static DataDirLock acquire(Path root, boolean shared) {
        Path file = root.toAbsolutePath().normalize().resolve(FILE);
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null) {
                if (held.shared && shared) {
                    held.holders++;
                    return new DataDirLock(file);
                }
                throw inUse(root);
            }
            try {
                LockFile lock = LockFile.tryAcquire(file, shared).orElseThrow(() -> inUse(root));
                HELD.put(file, new Held(lock, shared));
                return new DataDirLock(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot lock data dir " + root + ": " + e.getMessage()
                        + " (check its permissions, or pass --data-dir)");
            }
        }
    }

    private static IllegalStateException inUse(Path root) {
        return new IllegalStateException("data dir " + root + " is in use by another running raftlens launch, node or "
                + "editor network; stop it first or pass another --data-dir (nothing in it was changed)");
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held != null && --held.holders == 0) {
                HELD.remove(key);
                held.lock.close();
            }
        }
    }
}
