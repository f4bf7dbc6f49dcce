package io.raftlens.raft.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raft snapshots of one channel on one node (Fabric's SnapDir/&lt;channel&gt;), one file per snapshot named like
 * etcd's snapshotter: {@code %016x-%016x.snap} (term, index). A file is {@code "RLSNAP01" | u32 CRC-32C | u32
 * length | Snapshot protobuf}. Saving is atomic: write a temporary file, fsync it, rename it, fsync the
 * directory, so a crash leaves either the old set or the new file whole. A damaged file is renamed
 * {@code *.broken} (as etcd does) and the next newest one is used.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final byte[] MAGIC = {'R', 'L', 'S', 'N', 'A', 'P', '0', '1'};
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.snap");
    /** Like etcd's default MaxSnapFiles. */
    public static final int KEEP = 5;

    private final Path dir;
    private final String owner;
    private final FileChannelOpener opener;

    public SnapshotStore(Path dir, String owner) {
        this(dir, owner, FileChannelOpener.DEFAULT);
    }

    public SnapshotStore(Path dir, String owner, FileChannelOpener opener) {
        this.dir = dir;
        this.owner = owner;
        this.opener = opener;
    }

    public Path dir() {
        return dir;
    }

    static String fileName(SnapshotMetadata m) {
        return String.format("%016x-%016x.snap", m.getTerm(), m.getIndex());
    }

    /** Saves {@code snapshot} atomically and deletes all but the newest {@link #KEEP} snapshot files. */
    public Path save(Snapshot snapshot) {
        if (snapshot.getMetadata().getIndex() == 0) {
            throw new IllegalArgumentException("cannot save an empty snapshot (index 0)");
        }
        Path file = dir.resolve(fileName(snapshot.getMetadata()));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        byte[] body = snapshot.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 8 + body.length)
                .put(MAGIC).putInt((int) crc.getValue()).putInt(body.length).put(body);
        buf.flip();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Fsync.directory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is ignored and removed by the next save or load
            }
            throw WalWriteException.of(owner, "save snapshot", file, e);
        }
        purge();
        return file;
    }

    /** The newest snapshot that reads back intact, if any. */
    public Optional<Snapshot> loadNewest() {
        return loadNewestAvailable(null);
    }

    /**
     * The newest intact snapshot whose (index, term) is among {@code walMarkers} (etcd's
     * {@code LoadNewestAvailable}): a snapshot file without its WAL marker was written just before a crash and
     * the WAL cannot continue from it. {@code null} accepts any.
     */
    public Optional<Snapshot> loadNewestAvailable(Collection<SnapshotMetadata> walMarkers) {
        for (Path file : snapshotFiles()) {
            Optional<Snapshot> s = read(file);
            if (s.isEmpty()) {
                continue;
            }
            SnapshotMetadata m = s.get().getMetadata();
            if (walMarkers == null || walMarkers.stream()
                    .anyMatch(w -> w.getIndex() == m.getIndex() && w.getTerm() == m.getTerm())) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Snapshot files, newest (highest index, then term) first. */
    List<Path> snapshotFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".snap.tmp")) {
                    Files.deleteIfExists(p);
                } else if (NAME.matcher(n).matches()) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new WalException("cannot list snapshot directory " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(SnapshotStore::indexOf).thenComparing(SnapshotStore::termOf).reversed());
        return out;
    }

    private static long indexOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseUnsignedLong(m.group(2), 16) : -1;
    }

    private static long termOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
    }

    private Optional<Snapshot> read(Path file) {
        String problem;
        try {
            byte[] data = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(data);
            byte[] magic = new byte[MAGIC.length];
            if (data.length < MAGIC.length + 8) {
                problem = "file too short";
            } else {
                b.get(magic);
                int crc = b.getInt();
                int len = b.getInt();
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    problem = "not a snapshot file";
                } else if (len != b.remaining()) {
                    problem = "length " + len + " does not match the file (" + b.remaining() + " bytes of body)";
                } else {
                    CRC32C c = new CRC32C();
                    c.update(data, b.position(), len);
                    if ((int) c.getValue() != crc) {
                        problem = "CRC mismatch";
                    } else {
                        Snapshot s = Snapshot.parseFrom(ByteBuffer.wrap(data, b.position(), len));
                        if (!fileName(s.getMetadata()).equals(file.getFileName().toString())) {
                            problem = "content (term " + s.getMetadata().getTerm() + ", index "
                                    + s.getMetadata().getIndex() + ") does not match the file name";
                        } else {
                            return Optional.of(s);
                        }
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            problem = "malformed snapshot (" + e.getMessage() + ")";
        } catch (IOException e) {
            throw new WalException("cannot read snapshot " + file + ": " + e.getMessage(), e);
        }
        LOG.warn("{}: snapshot {} is damaged ({}); renaming it to .broken and using an older one", owner, file, problem);
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".broken"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("{}: cannot rename {}: {}", owner, file, e.getMessage());
        }
        return Optional.empty();
    }

    private void purge() {
        List<Path> files = snapshotFiles();
        for (int i = KEEP; i < files.size(); i++) {
            try {
                Files.deleteIfExists(files.get(i));
            } catch (IOException e) {
                LOG.warn("{}: cannot delete old snapshot {}: {}", owner, files.get(i), e.getMessage());
            }
        }
    }
}
