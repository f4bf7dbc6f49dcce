package io.raftlens.config.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads files named by a configuration, which may be hostile: {@code /dev/stdin} would read the language
 * server's own JSON-RPC input, a FIFO blocks for ever, {@code /dev/zero} or a sparse 2 GB file exhausts the
 * heap. Only regular files are opened (a symlink to one is fine: MSP folders and Kubernetes secrets use
 * them), and at most {@code limit} bytes are read even when the file grows or reports a size of 0 (files
 * under {@code /proc}). Errors name the file and the reason, never the content.
 */
public final class SafeFiles {

    /** Certificates, keys, {@code File:} values: real ones are a few KB. */
    public static final int SMALL_FILE_LIMIT = 1024 * 1024;

    private SafeFiles() {
    }

    /** The file's bytes, if it is a regular file of at most {@code limit} bytes. */
    public static byte[] read(Path file, int limit) throws UnreadableFileException {
        check(file, limit);
        // the type is checked before opening: opening a FIFO blocks until a writer comes
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min((long) limit + 1, Math.max(ch.size() + 1, 8192)));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() > limit) {
                        throw tooLarge(file, -1, limit);
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min((long) limit + 1, (long) buf.capacity() * 2));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException | SecurityException e) {
            throw failure(file, e);
        }
    }

    /** The file as ISO-8859-1 text (PEM), same checks as {@link #read}. */
    public static String readLatin1(Path file, int limit) throws UnreadableFileException {
        return new String(read(file, limit), StandardCharsets.ISO_8859_1);
    }

    /** A stream of the file's first bytes, for sniffing a header; same type check, no size limit needed. */
    public static byte[] head(Path file, int bytes) throws UnreadableFileException {
        regular(file);
        try (InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ))) {
            return in.readNBytes(bytes);
        } catch (IOException | SecurityException e) {
            throw failure(file, e);
        }
    }

    /** Checks that the file is a regular file no larger than {@code limit}, without reading it. */
    public static void check(Path file, long limit) throws UnreadableFileException {
        BasicFileAttributes a = regular(file);
        if (a.size() > limit) {
            throw tooLarge(file, a.size(), limit);
        }
    }

    /** The attributes of a regular file (symlinks followed), or why it is not one. */
    public static BasicFileAttributes regular(Path file) throws UnreadableFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw failure(file, e);
        }
        if (a.isDirectory()) {
            throw new UnreadableFileException(file, "is a folder, not a file", false);
        }
        if (!a.isRegularFile()) {
            throw new UnreadableFileException(file, "is " + kind(file) + ", not a regular file; RaftLens reads only regular files", false);
        }
        return a;
    }

    private static String kind(Path file) {
        String name = file.toString();
        if (name.startsWith("/dev/std") || name.startsWith("/proc/self/fd/") || name.startsWith("/dev/fd/")) {
            return "a standard stream or file descriptor";
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a FIFO (named pipe)";
                    case 0140000: return "a socket";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    default: break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // fall through: the generic description is enough
        }
        return "a device, FIFO or socket";
    }

    private static UnreadableFileException tooLarge(Path file, long size, long limit) {
        String has = size < 0 ? "is larger than " + human(limit) : "is " + human(size);
        return new UnreadableFileException(file, has + "; RaftLens reads such files up to " + human(limit), false);
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
        }
        return bytes + " bytes";
    }

    /** A one-line reason for an I/O failure; the exception's own message is not used as it can be long. */
    public static UnreadableFileException failure(Path file, Exception e) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        if (e instanceof NoSuchFileException) {
            return new UnreadableFileException(file, "does not exist", true);
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return new UnreadableFileException(file, "cannot be read (permission denied)", false);
        }
        if (e instanceof FileSystemLoopException) {
            return new UnreadableFileException(file, "is a symbolic link loop", false);
        }
        if (e instanceof NotDirectoryException) {
            return new UnreadableFileException(file, "does not exist (a part of its path is not a folder)", true);
        }
        if (e instanceof InvalidPathException) {
            return new UnreadableFileException(file, "is not a valid path", false);
        }
        String why = e.getClass().getSimpleName();
        if (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links")) {
            return new UnreadableFileException(file, "is a symbolic link loop", false);
        }
        return new UnreadableFileException(file, "cannot be read (" + why + ")", false);
    }
}
