package io.raftlens.raft.core;

/** Node id formatting. etcd prints node ids with {@code %x}: lower-case unsigned hex, node 10 is "a". */
public final class RaftIds {
    private RaftIds() {
    }

    public static String hex(long id) {
        return Long.toHexString(id);
    }
}
