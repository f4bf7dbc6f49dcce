package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.Entry;
import java.util.List;

/** Size accounting for entries, as etcd's util.go. */
final class EntrySizes {
    private EntrySizes() {
    }

    /**
     * The longest prefix of {@code ents} whose encoded size fits in {@code maxSize}, but always at least
     * one entry (etcd's limitSize). Returns a view, not a copy.
     */
    static List<Entry> limitSize(List<Entry> ents, long maxSize) {
        int n = ents.size();
        if (n == 0 || maxSize == Long.MAX_VALUE) {
            return ents;
        }
        long size = ents.get(0).getSerializedSize();
        for (int limit = 1; limit < n; limit++) {
            size += ents.get(limit).getSerializedSize();
            if (size > maxSize) {
                return ents.subList(0, limit);
            }
        }
        return ents;
    }

    /** Encoded size of all entries. */
    static long entsSize(List<Entry> ents) {
        long size = 0;
        for (int i = 0, n = ents.size(); i < n; i++) {
            size += ents.get(i).getSerializedSize();
        }
        return size;
    }

    /** Payload (data) size of all entries: what counts against the uncommitted-size limit. */
    static long payloadSize(List<Entry> ents) {
        long size = 0;
        for (int i = 0, n = ents.size(); i < n; i++) {
            size += ents.get(i).getData().size();
        }
        return size;
    }
}
