package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory (file {@code LOCK} in it), so two node processes — or two nodes in one
 * JVM — never write the same WAL or ledger, as etcd locks its WAL files. Released by {@link #close()} or when
 * the process dies.
 */
public final class DirLock implements AutoCloseable {
    public static final String FILE = "LOCK";

    private final FileChannel channel;
    private final FileLock lock;

    private DirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message naming the directory and what to do. */
    public static DirLock acquire(Path dir, String what) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                throw inUse(dir, what);
            }
            return new DirLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw inUse(dir, what);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new WalException("cannot lock " + what + " " + dir + ": " + e.getMessage(), e);
        } catch (WalException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static WalException inUse(Path dir, String what) {
        return new WalException(what + " " + dir + " is in use by another running node; stop it or use another data dir");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
