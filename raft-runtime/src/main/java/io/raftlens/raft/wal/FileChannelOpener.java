package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** How the log opens its files; tests substitute a channel that fails like a full disk. */
@FunctionalInterface
public interface FileChannelOpener {
    FileChannel open(Path path, OpenOption... options) throws IOException;

    FileChannelOpener DEFAULT = FileChannel::open;
}
