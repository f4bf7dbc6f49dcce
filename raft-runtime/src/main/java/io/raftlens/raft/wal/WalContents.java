package io.raftlens.raft.wal;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.SnapshotMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * What a log held when it was opened (after repairing a torn tail).
 *
 * @param metadata  the owner metadata given at {@link Wal#create} (e.g. channel and node id), to detect a data
 *                  dir from another network
 * @param hardState the last hard state written (default instance when none)
 * @param snapshots every snapshot marker still in the log, oldest first
 * @param entries   the log's entries, oldest first, with later writes of an index overwriting earlier ones
 *                  (Raft's conflicting-suffix truncation, as etcd's {@code ReadAll})
 */
public record WalContents(Path dir, ByteString metadata, HardState hardState, List<SnapshotMetadata> snapshots,
                          List<Entry> entries) {

    /**
     * The entries after {@code snapshotIndex} (0 = no snapshot), checked to continue it without a gap.
     *
     * @throws WalException when the log lacks the entries right after the snapshot
     */
    public List<Entry> entriesAfter(long snapshotIndex) {
        int from = 0;
        while (from < entries.size() && entries.get(from).getIndex() <= snapshotIndex) {
            from++;
        }
        List<Entry> after = entries.subList(from, entries.size());
        if (!after.isEmpty() && after.get(0).getIndex() != snapshotIndex + 1) {
            throw new WalException("WAL " + dir + " is missing entries " + (snapshotIndex + 1) + ".."
                    + (after.get(0).getIndex() - 1) + " after snapshot " + snapshotIndex
                    + "; restore this node from a snapshot or remove its data dir to rejoin");
        }
        return List.copyOf(after);
    }

    public long lastIndex() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).getIndex();
    }
}
