package io.raftlens.raft.wal;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The durable Raft state of one channel on one node: its {@link Wal} and its {@link SnapshotStore}, used the
 * way Fabric's etcdraft {@code RaftStorage} uses etcd's WAL and snapshotter.
 *
 * <p>Node driver contract (persist → send → apply → advance):
 * <ol>
 *   <li>At start: {@link #open}, then rebuild the MemoryStorage from {@link #recovered()}: apply its snapshot
 *       (if any), set its hard state, append its entries.</li>
 *   <li>For each Ready: {@code persist(rd.snapshot(), rd.hardState(), rd.entries(), rd.mustSync())}; when the
 *       future completes (on the WAL writer thread: hop back to the Raft loop), send messages, apply, advance.
 *       The loop keeps ticking meanwhile.</li>
 *   <li>Every SnapshotIntervalSize bytes of blocks: {@link #saveLocalSnapshot} with the snapshot created by the
 *       MemoryStorage; it also releases WAL segments below it.</li>
 * </ol>
 */
public final class RaftDisk implements AutoCloseable {
    /** What a restart starts from. {@code snapshot} is null when none was ever taken. */
    public record Recovered(boolean fresh, HardState hardState, Snapshot snapshot, List<Entry> entries) {
        public long snapshotIndex() {
            return snapshot == null ? 0 : snapshot.getMetadata().getIndex();
        }
    }

    private final Wal wal;
    private final SnapshotStore snapshots;
    private final Recovered recovered;
    private final ExecutorService snapshotWriter;

    private RaftDisk(Wal wal, SnapshotStore snapshots, Recovered recovered, String owner) {
        this.wal = wal;
        this.snapshots = snapshots;
        this.recovered = recovered;
        this.snapshotWriter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snapshot-writer " + owner);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens (or creates) the WAL in {@code walDir} and the snapshots in {@code snapDir}.
     *
     * @param identity who owns this log (e.g. network, channel and node id); a WAL created for another identity
     *                 is refused, so a node never starts from a data dir of another network
     */
    public static RaftDisk open(Path walDir, Path snapDir, ByteString identity, WalOptions options) {
        boolean fresh = !Wal.exists(walDir);
        Wal wal = fresh ? Wal.create(walDir, identity, options) : Wal.open(walDir, options);
        if (!wal.metadata().equals(identity)) {
            wal.close();
            throw new WalException(options.owner() + ": WAL " + walDir + " belongs to another node or network ("
                    + printable(wal.metadata()) + ", expected " + printable(identity)
                    + "); point the node at its own data dir or use a fresh one");
        }
        SnapshotStore store = new SnapshotStore(snapDir, options.owner(), options.opener());
        WalContents c = wal.contents();
        Snapshot snap = c.snapshots().isEmpty() ? null : store.loadNewestAvailable(c.snapshots()).orElse(null);
        if (snap == null && !c.snapshots().isEmpty()) {
            // the WAL compacted its entries up to a snapshot marker, so it cannot start without that snapshot
            wal.close();
            throw new WalException(options.owner() + ": no usable snapshot in " + snapDir + " for the WAL's snapshot "
                    + "markers; restore this node from a snapshot or remove its data dir to rejoin");
        }
        long snapIndex = snap == null ? 0 : snap.getMetadata().getIndex();
        List<Entry> entries;
        try {
            entries = c.entriesAfter(snapIndex);
        } catch (WalException e) {
            wal.close();
            throw e;
        }
        return new RaftDisk(wal, store, new Recovered(fresh, c.hardState(), snap, entries), options.owner());
    }

    private static String printable(ByteString b) {
        return b.isValidUtf8() ? '"' + b.toStringUtf8() + '"' : b.size() + " bytes";
    }

    public Recovered recovered() {
        return recovered;
    }

    /**
     * Persists one Ready: the snapshot file first, then its WAL marker with the entries and hard state in one
     * write (etcd writes the marker and the hard state separately and skips, at restart, markers above the
     * commit index; one write leaves no such marker after a process crash). Completes when durable (if
     * {@code mustSync} or a snapshot is present). Calls without a snapshot may overlap: the WAL writes them in call
     * order. A call with a snapshot must complete before the next call: its snapshot file is written off the WAL
     * queue, so a later call could overtake it.
     */
    public CompletableFuture<Void> persist(Snapshot snapshot, HardState hardState, List<Entry> entries,
                                           boolean mustSync) {
        if (snapshot == null || snapshot.getMetadata().getIndex() == 0) {
            return wal.saveAsync(hardState, entries, mustSync);
        }
        return CompletableFuture.runAsync(() -> snapshots.save(snapshot), snapshotWriter)
                .thenCompose(v -> wal.saveSnapshotAndStateAsync(snapshot.getMetadata(), hardState, entries));
    }

    /** Saves a snapshot the node took itself, records it in the WAL and releases WAL segments below it. */
    public CompletableFuture<Void> saveLocalSnapshot(Snapshot snapshot) {
        long index = snapshot.getMetadata().getIndex();
        return CompletableFuture.runAsync(() -> snapshots.save(snapshot), snapshotWriter)
                .thenCompose(v -> wal.saveSnapshotAsync(snapshot.getMetadata()))
                .thenCompose(v -> wal.releaseToAsync(index));
    }

    public Wal wal() {
        return wal;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** Writes and syncs what is queued, then closes. */
    @Override
    public void close() {
        snapshotWriter.shutdown();
        wal.close();
    }

    /** Crash simulation: see {@link Wal#kill()}. */
    public void kill() {
        snapshotWriter.shutdownNow();
        wal.kill();
    }
}
