package io.raftlens.raft.core;

/**
 * Which etcd raft release the core behaves (and logs) like. Fabric vendors one per release line, and what an
 * operator reads in an orderer log depends on it:
 *
 * <ul>
 *   <li>{@link #V3_5}: {@code go.etcd.io/etcd/raft/v3} v3.5.x, vendored by Fabric 2.5.0 (v3.5.1) … 2.5.x (v3.5.9+),
 *       3.0.x (v3.5.14) and 3.1.0–3.1.4 (v3.5.16). A node counts its own vote and its own appends <em>at once</em>:
 *       {@code campaign} polls the self-vote before it sends the vote requests (a {@code received MsgVoteResp from
 *       <self>} line first, no tally line for it; a single node wins inside {@code campaign}), and
 *       {@code appendEntry} raises the leader's own match index (a single-node leader commits as it appends).</li>
 *   <li>{@link #V3_6}: {@code go.etcd.io/raft/v3} v3.6.0, vendored by Fabric 3.1.5 and {@code main}. Both are
 *       messages to self, counted once the Ready that made them durable is advanced: the self-vote's {@code
 *       received} and tally lines follow the {@code sent … request} lines.</li>
 * </ul>
 * Everything else the Fabric-relevant part of the core does is the same in both (checked against etcd v3.5.16
 * {@code raft/raft.go} and etcd-io/raft v3.6.0 {@code raft.go}); the remaining log-visible differences are
 * the {@code cannot campaign … pending configuration changes} warning (3.5 prints the count) and the level of the
 * uncommitted-size drop (3.5: debug).
 */
public enum EtcdRaftVersion {
    V3_5("3.5"),
    V3_6("3.6");

    private final String label;

    EtcdRaftVersion(String label) {
        this.label = label;
    }

    /** "3.5" or "3.6". */
    public String label() {
        return label;
    }

    /**
     * Parses "3.5", "3.5.16", "v3.6.0", "V3_6" and the like.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static EtcdRaftVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        t = t.replace('_', '.');
        if (t.equals("3.5") || t.startsWith("3.5.")) {
            return V3_5;
        }
        if (t.equals("3.6") || t.startsWith("3.6.")) {
            return V3_6;
        }
        throw new IllegalArgumentException("unknown etcd raft version '" + text + "': use 3.5 (Fabric 2.5 to 3.1.4) or 3.6 (Fabric 3.1.5 and later)");
    }

    @Override
    public String toString() {
        return label;
    }
}
