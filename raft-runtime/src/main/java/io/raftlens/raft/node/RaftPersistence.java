package io.raftlens.raft.node;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Snapshot;

import java.util.List;

/**
 * The durable half of one Raft group on one node: what the driver persists before anything that depends on it
 * is sent. Implemented over the WAL and the snapshot store; called only from the driver's persistence thread.
 */
public interface RaftPersistence {

    /** What a restarted node finds on disk; {@code hardState} and {@code snapshot} are null when absent. */
    record Recovered(HardState hardState, Snapshot snapshot, List<Entry> entries) {
        public boolean isEmpty() {
            return hardState == null && snapshot == null && entries.isEmpty();
        }
    }

    /** Reads the snapshot, hard state and entries after it; called once, before the group starts. */
    Recovered recover();

    /**
     * Appends one Ready's state. When {@code sync} is true it is on stable storage when this returns (fsync);
     * a null hard state or snapshot means unchanged / none.
     */
    void save(HardState hardState, List<Entry> entries, Snapshot snapshot, boolean sync);

    /** Records a snapshot taken locally (after the ledger holds its block), so older WAL segments can go. */
    void saveSnapshot(Snapshot snapshot);

    /** Flushes and closes (graceful stop). */
    void close();

    /** Closes without flushing anything not yet synced (a crash). */
    void abandon();
}
