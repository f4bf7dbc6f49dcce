package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS lock on one file, taken without waiting: the mechanism under the per-node {@link DirLock} and the network's
 * data-directory lock. The OS releases it when the process dies.
 */
public final class LockFile implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} (created if missing), shared or exclusive.
     *
     * @return the lock, or empty when another process — or this JVM, which cannot lock a file twice — holds it
     * @throws IOException when the file cannot be opened or locked at all (the channel is closed again)
     */
    public static Optional<LockFile> tryAcquire(Path file, boolean shared) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, shared);
            if (lock == null) {
                closeQuietly(ch);
                return Optional.empty();
            }
            return Optional.of(new LockFile(ch, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing held
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
