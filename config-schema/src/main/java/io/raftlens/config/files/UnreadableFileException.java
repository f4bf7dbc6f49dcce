package io.raftlens.config.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that {@link SafeFiles} refuses or cannot read. The message is one line: the file and the reason
 * ("is a FIFO, not a regular file", "is 2.0 GB; at most 1 MB is read"), never any of its content.
 */
public final class UnreadableFileException extends IOException {

    private final Path file;
    private final String reason;
    private final boolean missing;

    UnreadableFileException(Path file, String reason, boolean missing) {
        super(file + " " + reason);
        this.file = file;
        this.reason = reason;
        this.missing = missing;
    }

    public Path file() {
        return file;
    }

    /** Why, without the file name ("does not exist", "is a FIFO, not a regular file"). */
    public String reason() {
        return reason;
    }

    /** The file (or a folder on its path) does not exist. */
    public boolean missing() {
        return missing;
    }
}
