package io.raftlens.raft.wal;

/** WAL record types; the numbers are on disk. Mirrors etcd's walpb types (without its chained-CRC record). */
enum RecordType {
    /** First record of every segment: sequence, first entry index and the log's owner metadata. */
    SEGMENT_HEADER(1),
    /** A raft Entry. */
    ENTRY(2),
    /** A raft HardState (term, vote, commit). */
    STATE(3),
    /** A raft SnapshotMetadata (index, term, conf state): the log is complete from here on. */
    SNAPSHOT(4);

    final int code;

    RecordType(int code) {
        this.code = code;
    }

    static RecordType of(int code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
