package io.raftlens.raft.wal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft write-ahead log of one channel on one node, in etcd's layout: a directory of segment files
 * {@code %016x-%016x.wal} (sequence, first index), each starting with a header record and the current hard
 * state; records are framed by {@link RecordCodec} with CRC-32C.
 *
 * <p>Writes go through one writer thread per log which drains every queued request, writes them in order and
 * issues one {@code fdatasync} ({@link FileChannel#force force(false)}) for the whole batch when any of them
 * needs it: group commit. {@link #saveAsync} returns at once, so the Raft loop keeps ticking while the disk
 * syncs (etcd#13527); its future completes, <em>on the writer thread</em>, once the data is durable (hand the
 * continuation to the Raft loop's executor). {@link #save} is the blocking form.
 *
 * <p>After a write or fsync failure the log refuses every later write with {@link WalWriteException}: the
 * node must stop. Recovery on {@link #open} truncates a torn tail and refuses a damaged middle with
 * {@link WalCorruptedException}.
 */
public final class Wal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);
    private static final byte[] MAGIC = {'R', 'L', 'W', 'A', 'L', 0, 0, 1};

    private final Path dir;
    private final WalOptions options;
    private final ByteString metadata;
    private final WalContents contents;
    private final LinkedBlockingDeque<Request> queue = new LinkedBlockingDeque<>();
    private final Thread writer;
    private final DirLock lock;

    // Writer-thread state (set up before the thread starts).
    private final List<SegmentName> segments;
    private FileChannel tail;
    private SegmentName tailName;
    private long tailSize;
    /** Size of the tail segment at its last fsync: what a crash is sure to keep. */
    private long syncedSize;
    private long lastIndex;
    private HardState lastState;

    private volatile WalWriteException failure;
    private volatile boolean closed;
    private volatile boolean killed;

    private static final class Request {
        final ByteBuffer encoded;
        final boolean sync;
        final long lastEntryIndex; // -1 when the request holds no entries
        final HardState state;     // null when it holds no state
        final long releaseTo;      // >= 0: delete segments wholly below this index
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Request(ByteBuffer encoded, boolean sync, long lastEntryIndex, HardState state, long releaseTo) {
            this.encoded = encoded;
            this.sync = sync;
            this.lastEntryIndex = lastEntryIndex;
            this.state = state;
            this.releaseTo = releaseTo;
        }
    }

    private static final Request STOP = new Request(ByteBuffer.allocate(0), false, -1, null, -1);

    private Wal(Path dir, WalOptions options, ByteString metadata, WalContents contents, List<SegmentName> segments,
                FileChannel tail, long tailSize, DirLock lock) {
        this.dir = dir;
        this.lock = lock;
        this.options = options;
        this.metadata = metadata;
        this.contents = contents;
        this.segments = segments;
        this.tail = tail;
        this.tailName = segments.get(segments.size() - 1);
        this.tailSize = tailSize;
        this.syncedSize = tailSize;
        this.lastIndex = contents.lastIndex();
        this.lastState = contents.hardState();
        this.writer = new Thread(this::writeLoop, "wal-writer " + options.owner());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** True when {@code dir} holds at least one segment. */
    public static boolean exists(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> SegmentName.parse(p.getFileName().toString()).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a new, empty log in {@code dir} (which must not hold one) atomically: the first segment is
     * written in a sibling temporary directory that is then renamed, as etcd's {@code wal.Create} does.
     *
     * @param metadata opaque owner identity stored in every segment header (returned by {@link #contents()})
     */
    public static Wal create(Path dir, ByteString metadata, WalOptions options) {
        if (exists(dir)) {
            throw new WalException("WAL " + dir + " already exists; open it instead");
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            SegmentName first = new SegmentName(0, 0);
            writeSegmentStart(tmp.resolve(first.fileName()), first, metadata, null, options);
            Fsync.directory(tmp);
            if (Files.isDirectory(dir)) {
                Files.deleteIfExists(dir.resolve(DirLock.FILE)); // left by an earlier run that had no segments
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new WalException("cannot create WAL in " + dir + ": the directory holds other files");
                    }
                }
                Files.delete(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            Fsync.directory(dir.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw WalWriteException.of(options.owner(), "create WAL", dir, e);
        }
        return open(dir, options);
    }

    /**
     * Opens an existing log: reads every segment, truncates a torn tail of the last one to its last whole
     * record, and positions the log for appending.
     *
     * @throws WalCorruptedException when a record before the tail is damaged or segments are missing
     */
    public static Wal open(Path dir, WalOptions options) {
        List<SegmentName> names = listSegments(dir);
        if (names.isEmpty()) {
            throw new WalException("no WAL in " + dir + " (no *.wal segment files)");
        }
        DirLock lock = DirLock.acquire(dir, "WAL");
        try {
            return open(dir, options, names, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Wal open(Path dir, WalOptions options, List<SegmentName> names, DirLock lock) {
        Replay replay = new Replay(dir);
        long tailSize = 0;
        for (int i = 0; i < names.size(); i++) {
            SegmentName name = names.get(i);
            Path file = dir.resolve(name.fileName());
            if (i > 0 && name.seq() != names.get(i - 1).seq() + 1) {
                throw new WalCorruptedException(file, 0, "segment sequence " + (names.get(i - 1).seq() + 1)
                        + " is missing (found " + name.seq() + ")");
            }
            SegmentScan scan;
            try {
                scan = SegmentScan.read(file);
            } catch (IOException e) {
                throw new WalException("cannot read WAL segment " + file + ": " + e.getMessage(), e);
            }
            boolean last = i == names.size() - 1;
            if (scan.end == SegmentScan.End.CORRUPT || (scan.end == SegmentScan.End.TORN && !last)) {
                throw new WalCorruptedException(file, scan.badOffset,
                        scan.end == SegmentScan.End.TORN ? "segment ends inside a record, but later segments follow"
                                : scan.reason);
            }
            replay.segment(name, file, scan);
            if (scan.end == SegmentScan.End.TORN) {
                truncateTornTail(file, scan, options);
            }
            if (last) {
                tailSize = scan.validEnd;
            }
        }
        Path tailFile = dir.resolve(names.get(names.size() - 1).fileName());
        long cut = replay.danglingSnapshotMarker(tailFile);
        if (cut >= 0) {
            LOG.warn("WAL {}: dropping the snapshot marker at offset {} that no hard state commits (a torn write of "
                    + "a snapshot from the leader); the leader sends it again", tailFile, cut);
            truncate(tailFile, cut, options);
            tailSize = cut;
        }
        WalContents contents = replay.contents();
        try {
            FileChannel ch = options.opener().open(tailFile, StandardOpenOption.WRITE);
            ch.position(tailSize);
            return new Wal(dir, options, contents.metadata(), contents, new ArrayList<>(names), ch, tailSize, lock);
        } catch (IOException e) {
            throw WalWriteException.of(options.owner(), "open", dir, e);
        }
    }

    private static void truncateTornTail(Path file, SegmentScan scan, WalOptions options) {
        LOG.warn("WAL {}: truncating torn tail at offset {} ({}); the record was never synced, nothing acknowledged is lost",
                file, scan.validEnd, scan.reason);
        truncate(file, scan.validEnd, options);
    }

    private static void truncate(Path file, long size, WalOptions options) {
        try (FileChannel ch = options.opener().open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        } catch (IOException e) {
            throw WalWriteException.of(options.owner(), "truncate the torn tail of", file, e);
        }
    }

    static List<SegmentName> listSegments(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.toList();
            for (Path p : all) {
                if (p.getFileName().toString().endsWith(".wal.tmp")) {
                    Files.deleteIfExists(p); // a segment cut that never completed
                }
            }
            return all.stream().map(p -> SegmentName.parse(p.getFileName().toString()))
                    .flatMap(Optional::stream).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new WalException("cannot list WAL directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What the log held when opened. */
    public WalContents contents() {
        return contents;
    }

    public Path dir() {
        return dir;
    }

    public ByteString metadata() {
        return metadata;
    }

    /**
     * Queues the hard state (skipped when null or empty) and entries, in that Ready's order: entries, then
     * state. The future completes when they are written and, if {@code mustSync}, fsynced (shared with every
     * other request in the same batch); exceptionally with {@link WalWriteException} on an I/O failure.
     */
    public CompletableFuture<Void> saveAsync(HardState hardState, List<Entry> entries, boolean mustSync) {
        return saveAsync(null, hardState, entries, mustSync);
    }

    /**
     * A snapshot received from the leader recorded together with the hard state that commits it and the entries
     * after it, as one write and one fsync: a crash can leave neither or both, never a snapshot marker above the
     * durable commit index (Raft could not restart from that: etcd's "state.commit is out of range").
     */
    public CompletableFuture<Void> saveSnapshotAndStateAsync(SnapshotMetadata snapshot, HardState hardState,
                                                            List<Entry> entries) {
        return saveAsync(snapshot, hardState, entries, true);
    }

    private CompletableFuture<Void> saveAsync(SnapshotMetadata snapshot, HardState hardState, List<Entry> entries,
                                              boolean mustSync) {
        boolean hasState = hardState != null && !hardState.equals(HardState.getDefaultInstance());
        if (snapshot == null && entries.isEmpty() && !hasState) {
            return CompletableFuture.completedFuture(null);
        }
        List<byte[]> payloads = new ArrayList<>(entries.size() + 2);
        List<RecordType> types = new ArrayList<>(entries.size() + 2);
        if (snapshot != null) {
            payloads.add(snapshot.toByteArray());
            types.add(RecordType.SNAPSHOT);
        }
        for (Entry e : entries) {
            payloads.add(e.toByteArray());
            types.add(RecordType.ENTRY);
        }
        if (hasState) {
            payloads.add(hardState.toByteArray());
            types.add(RecordType.STATE);
        }
        int size = 0;
        for (byte[] p : payloads) {
            size += RecordCodec.encodedSize(p.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (int i = 0; i < payloads.size(); i++) {
            RecordCodec.encode(buf, types.get(i), payloads.get(i));
        }
        buf.flip();
        long last = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).getIndex();
        return submit(new Request(buf, mustSync, last, hasState ? hardState : null, -1));
    }

    /** Blocking {@link #saveAsync}. */
    public void save(HardState hardState, List<Entry> entries, boolean mustSync) {
        await(saveAsync(hardState, entries, mustSync));
    }

    /** Records that a snapshot at {@code snapshot.index} exists (after its file was saved); always synced. */
    public CompletableFuture<Void> saveSnapshotAsync(SnapshotMetadata snapshot) {
        byte[] payload = snapshot.toByteArray();
        ByteBuffer buf = ByteBuffer.allocate(RecordCodec.encodedSize(payload.length));
        RecordCodec.encode(buf, RecordType.SNAPSHOT, payload);
        buf.flip();
        return submit(new Request(buf, true, -1, null, -1));
    }

    public void saveSnapshot(SnapshotMetadata snapshot) {
        await(saveSnapshotAsync(snapshot));
    }

    /**
     * Deletes segments that hold only entries up to {@code index} (a snapshot's index), keeping the segment
     * that contains it and the one being written, as etcd's {@code ReleaseLockTo}.
     */
    public CompletableFuture<Void> releaseToAsync(long index) {
        return submit(new Request(ByteBuffer.allocate(0), false, -1, null, index));
    }

    public void releaseTo(long index) {
        await(releaseToAsync(index));
    }

    /** Number of segment files (for tests and metrics). */
    public synchronized int segmentCount() {
        return segments.size();
    }

    private CompletableFuture<Void> submit(Request r) {
        WalWriteException f = failure;
        if (f != null) {
            return CompletableFuture.failedFuture(WalWriteException.stopped(f));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new WalException("WAL " + dir + " is closed"));
        }
        queue.add(r);
        return r.done;
    }

    private static void await(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WalException w) {
                throw w;
            }
            throw e;
        }
    }

    private void writeLoop() {
        List<Request> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            Request first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            batch.clear();
            if (first == STOP) {
                break;
            }
            batch.add(first);
            long bytes = first.encoded.remaining();
            Request next;
            while (bytes < options.maxBatchBytes() && (next = queue.poll()) != null) {
                if (next == STOP) {
                    stopping = true;
                    break;
                }
                batch.add(next);
                bytes += next.encoded.remaining();
            }
            if (killed) {
                fail(batch, new WalException("WAL " + dir + " was killed"));
            } else {
                writeBatch(batch);
            }
        }
        drainAfterStop();
    }

    private void writeBatch(List<Request> batch) {
        if (failure != null) {
            fail(batch, WalWriteException.stopped(failure));
            return;
        }
        long batchStart = tailSize;
        Path file = dir.resolve(tailName.fileName());
        try {
            boolean sync = false;
            for (Request r : batch) {
                if (r.releaseTo >= 0) {
                    release(r.releaseTo);
                    continue;
                }
                if (tailSize >= options.segmentBytes()) {
                    cut();
                    batchStart = tailSize;
                    file = dir.resolve(tailName.fileName());
                }
                ByteBuffer b = r.encoded.duplicate();
                while (b.hasRemaining()) {
                    tailSize += tail.write(b);
                }
                if (r.lastEntryIndex >= 0) {
                    lastIndex = r.lastEntryIndex;
                }
                if (r.state != null) {
                    lastState = r.state;
                }
                sync |= r.sync;
            }
            if (sync) {
                long t0 = System.nanoTime();
                tail.force(false);
                syncedSize = tailSize;
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > options.slowSync().toMillis()) {
                    LOG.warn("slow fdatasync: took {} ms, expected less than {} ms ({})", ms,
                            options.slowSync().toMillis(), options.owner());
                }
            }
            for (Request r : batch) {
                r.done.complete(null);
            }
        } catch (IOException e) {
            WalWriteException w = WalWriteException.of(options.owner(), "write", file, e);
            failure = w;
            LOG.error("{}", w.getMessage());
            // Best effort: cut off the partial batch so the file ends on a whole record; recovery would do the same.
            try {
                tail.truncate(batchStart);
            } catch (IOException | RuntimeException ignored) {
                // recovery truncates the torn tail on the next open
            }
            fail(batch, w);
        }
    }

    private void fail(List<Request> batch, WalException e) {
        for (Request r : batch) {
            r.done.completeExceptionally(e);
        }
    }

    private void drainAfterStop() {
        List<Request> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        fail(rest, new WalException("WAL " + dir + " is closed"));
        try {
            if (killed && tail.isOpen() && syncedSize < tailSize) {
                tail.truncate(syncedSize); // a crash keeps only what was synced: the worst case, for tests
            } else if (!killed && failure == null && tail.isOpen()) {
                tail.force(false);
            }
        } catch (IOException e) {
            LOG.warn("{}: final fsync of {} failed: {}", options.owner(), dir, e.getMessage());
        } finally {
            try {
                tail.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
            lock.close();
        }
    }

    /** Cuts a new segment: sync the old one, write the new one's header under a temporary name, rename it. */
    private void cut() throws IOException {
        tail.force(false);
        SegmentName name = new SegmentName(tailName.seq() + 1, lastIndex + 1);
        Path file = dir.resolve(name.fileName());
        Path tmp = dir.resolve(name.fileName() + ".tmp");
        long size = writeSegmentStart(tmp, name, metadata, lastState, options);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(dir);
        tail.close();
        tail = options.opener().open(file, StandardOpenOption.WRITE);
        tail.position(size);
        tailSize = size;
        syncedSize = size;
        tailName = name;
        synchronized (this) {
            segments.add(name);
        }
        LOG.debug("{}: cut WAL segment {}", options.owner(), name.fileName());
    }

    private void release(long index) throws IOException {
        List<SegmentName> doomed = new ArrayList<>();
        synchronized (this) {
            while (segments.size() > 1 && Long.compareUnsigned(segments.get(1).firstIndex(), index) <= 0) {
                doomed.add(segments.remove(0));
            }
        }
        for (SegmentName s : doomed) {
            Files.deleteIfExists(dir.resolve(s.fileName()));
        }
        if (!doomed.isEmpty()) {
            Fsync.directory(dir);
            LOG.debug("{}: released {} WAL segment(s) up to index {}", options.owner(), doomed.size(), index);
        }
    }

    private static long writeSegmentStart(Path file, SegmentName name, ByteString metadata, HardState state,
                                          WalOptions options) throws IOException {
        byte[] header = ByteBuffer.allocate(MAGIC.length + 16 + metadata.size())
                .put(MAGIC).putLong(name.seq()).putLong(name.firstIndex()).put(metadata.toByteArray()).array();
        byte[] st = state == null || state.equals(HardState.getDefaultInstance()) ? null : state.toByteArray();
        ByteBuffer buf = ByteBuffer.allocate(RecordCodec.encodedSize(header.length)
                + (st == null ? 0 : RecordCodec.encodedSize(st.length)));
        RecordCodec.encode(buf, RecordType.SEGMENT_HEADER, header);
        if (st != null) {
            RecordCodec.encode(buf, RecordType.STATE, st);
        }
        buf.flip();
        long size = buf.remaining();
        try (FileChannel ch = options.opener().open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return size;
    }

    /** Stops after writing and syncing everything queued before this call. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        joinWriter();
    }

    /**
     * Simulates a crash: stops at once, fails queued writes, and drops everything written since the last fsync
     * (truncating the tail segment to its last synced size), the worst a power loss could do.
     */
    public void kill() {
        closed = true;
        killed = true;
        queue.addFirst(STOP);
        joinWriter();
    }

    private void joinWriter() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Builds {@link WalContents} record by record, enforcing the log's structure. */
    private static final class Replay {
        private final Path dir;
        private ByteString metadata;
        private HardState state = HardState.getDefaultInstance();
        private final List<SnapshotMetadata> snapshots = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        /** The last snapshot marker: where it is, the entries before it, whether a hard state followed it. */
        private Path markerFile;
        private long markerOffset;
        private List<Entry> entriesBeforeMarker;
        private boolean stateAfterMarker;

        Replay(Path dir) {
            this.dir = dir;
        }

        void segment(SegmentName name, Path file, SegmentScan scan) {
            if (scan.records.isEmpty() || scan.records.get(0).type() != RecordType.SEGMENT_HEADER) {
                throw new WalCorruptedException(file, 0, "segment does not start with a header record");
            }
            for (int i = 0; i < scan.records.size(); i++) {
                SegmentScan.Record r = scan.records.get(i);
                try {
                    apply(name, file, r, i);
                } catch (InvalidProtocolBufferException e) {
                    throw new WalCorruptedException(file, r.offset(), "malformed " + r.type() + " record ("
                            + e.getMessage() + ")");
                }
            }
        }

        private void apply(SegmentName name, Path file, SegmentScan.Record r, int position)
                throws InvalidProtocolBufferException {
            switch (r.type()) {
                case SEGMENT_HEADER -> {
                    if (position != 0) {
                        throw new WalCorruptedException(file, r.offset(), "segment header in the middle of a segment");
                    }
                    ByteBuffer b = ByteBuffer.wrap(r.payload());
                    byte[] magic = new byte[MAGIC.length];
                    if (b.remaining() < MAGIC.length + 16) {
                        throw new WalCorruptedException(file, r.offset(), "segment header too short");
                    }
                    b.get(magic);
                    long seq = b.getLong();
                    long first = b.getLong();
                    if (!Arrays.equals(magic, MAGIC) || seq != name.seq() || first != name.firstIndex()) {
                        throw new WalCorruptedException(file, r.offset(),
                                "segment header does not match its file name (seq " + seq + ", first index " + first + ")");
                    }
                    ByteString md = ByteString.copyFrom(b);
                    if (metadata == null) {
                        metadata = md;
                    } else if (!metadata.equals(md)) {
                        throw new WalCorruptedException(file, r.offset(), "segment belongs to a different log (metadata differs)");
                    }
                }
                case STATE -> {
                    state = HardState.parseFrom(r.payload());
                    stateAfterMarker = true;
                }
                case SNAPSHOT -> {
                    SnapshotMetadata s = SnapshotMetadata.parseFrom(r.payload());
                    markerFile = file;
                    markerOffset = r.offset();
                    entriesBeforeMarker = new ArrayList<>(entries);
                    stateAfterMarker = false;
                    snapshots.add(s);
                    // Entries up to the snapshot are compacted; keep the suffix only if it matches the snapshot
                    // (a snapshot from the leader that the log does not match replaces the whole log).
                    boolean matches = entries.stream()
                            .anyMatch(e -> e.getIndex() == s.getIndex() && e.getTerm() == s.getTerm());
                    if (!matches) {
                        entries.clear();
                    } else {
                        entries.removeIf(e -> e.getIndex() <= s.getIndex());
                    }
                }
                case ENTRY -> {
                    Entry e = Entry.parseFrom(r.payload());
                    if (!entries.isEmpty()) {
                        long first = entries.get(0).getIndex();
                        long last = entries.get(entries.size() - 1).getIndex();
                        if (e.getIndex() > last + 1) {
                            throw new WalCorruptedException(file, r.offset(), "entry index " + e.getIndex()
                                    + " leaves a gap after index " + last);
                        }
                        if (e.getIndex() < first) {
                            entries.clear();
                        } else {
                            entries.subList((int) (e.getIndex() - first), entries.size()).clear();
                        }
                    } else if (!snapshots.isEmpty()
                            && e.getIndex() > snapshots.get(snapshots.size() - 1).getIndex() + 1) {
                        throw new WalCorruptedException(file, r.offset(), "entry index " + e.getIndex()
                                + " leaves a gap after snapshot " + snapshots.get(snapshots.size() - 1).getIndex());
                    }
                    entries.add(e);
                }
                default -> throw new IllegalStateException("unreachable");
            }
        }

        /**
         * The offset in {@code tail} to cut the log at, or -1: a snapshot marker at the end of the log, above the
         * commit index and with no hard state after it, is what is left of a snapshot from the leader whose
         * write (marker, entries, hard state) was torn by a power loss; Raft cannot start from it (etcd skips such
         * markers too), so it is dropped with the entries after it and the node restarts from the state before.
         */
        long danglingSnapshotMarker(Path tail) {
            if (markerFile == null || stateAfterMarker || !markerFile.equals(tail)
                    || snapshots.get(snapshots.size() - 1).getIndex() <= state.getCommit()) {
                return -1;
            }
            snapshots.remove(snapshots.size() - 1);
            entries.clear();
            entries.addAll(entriesBeforeMarker);
            markerFile = null;
            return markerOffset;
        }

        WalContents contents() {
            return new WalContents(dir, metadata == null ? ByteString.EMPTY : metadata, state,
                    List.copyOf(snapshots), List.copyOf(entries));
        }
    }
}
