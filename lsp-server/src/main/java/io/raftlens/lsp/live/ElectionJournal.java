package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.NetworkEvent;
import io.raftlens.raft.network.NodeRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a network's event stream into the election story: a timeline (every pre-candidacy, candidacy,
 * win, lost leader, rejected pre-vote and node start/stop) and, per consenter and channel, the latest
 * note worth showing on its line. Fed by the event dispatcher thread; read by request threads.
 */
public final class ElectionJournal {

    /** One row of the election timeline. {@code channel} is empty for node events (all channels). */
    public record Row(long timeMillis, String channel, NodeId node, String event, long term, String votes) {}

    /** What a consenter line says about the latest election it took part in. */
    public record Note(Kind kind, String message) {}

    public enum Kind { ELECTION_STARTED, ELECTION_WON, LOST_LEADER, PRE_VOTE_REJECTED }

    private record Key(String channel, NodeId node) {}

    private record Seen(NodeRole role, long term, NodeId leader) {}

    private record Loss(NodeId leader, long term) {}

    private static final int MAX_ROWS = 2_000;

    private final Function<NodeId, String> names;
    private final int clusterSize;
    private final List<Row> rows = new ArrayList<>();
    private final Map<Key, Note> notes = new LinkedHashMap<>();
    private final Map<Key, Seen> seen = new HashMap<>();
    /** channel → the leader whose loss was already reported, and at which term (one row per loss, not per follower). */
    private final Map<String, Loss> lostReported = new HashMap<>();
    /** Nodes started or healed since they last followed a leader: a rejected pre-vote of theirs is a rejoin. */
    private final java.util.Set<NodeId> rejoining = new java.util.HashSet<>();

    public ElectionJournal(Function<NodeId, String> names, int clusterSize) {
        this.names = names;
        this.clusterSize = clusterSize;
    }

    public synchronized void accept(NetworkEvent e) {
        if (e instanceof NetworkEvent.StateChanged s) {
            state(s);
        } else if (e instanceof NetworkEvent.LeaderChanged l) {
            leader(l);
        } else if (e instanceof NetworkEvent.ElectionWon w) {
            won(w);
        } else if (e instanceof NetworkEvent.NodeLifecycle n) {
            node(n);
        }
        // blocks, memberships and partitions change lenses only
    }

    private void state(NetworkEvent.StateChanged e) {
        String channel = e.channel();
        NodeId node = e.node();
        NodeRole role = e.role();
        long term = e.term();
        NodeId leader = e.leader();
        Key key = new Key(channel, node);
        Seen before = seen.put(key, new Seen(role, term, leader));
        NodeRole was = before == null ? NodeRole.FOLLOWER : before.role();
        if (role == was) {
            return;
        }
        String who = names.apply(node);
        switch (role) {
            case PRE_CANDIDATE -> {
                row(e, channel, node, "is starting a new election; became pre-candidate", term, "");
                notes.put(key, new Note(Kind.ELECTION_STARTED, channel + ": " + who + " started an election at term "
                        + term + " (pre-vote)"));
            }
            case CANDIDATE -> {
                row(e, channel, node, "won the pre-vote; became candidate", term, "");
                notes.put(key, new Note(Kind.ELECTION_STARTED, channel + ": " + who + " started an election at term "
                        + (term - 1) + " and became candidate at term " + term));
            }
            case FOLLOWER -> {
                if (was == NodeRole.PRE_CANDIDATE && before.term() == term && !leader.isNone()) {
                    row(e, channel, node, "pre-vote rejected; follows " + names.apply(leader), term, "");
                    notes.put(key, new Note(Kind.PRE_VOTE_REJECTED, channel + ": " + who
                            + (rejoining.remove(node) ? " rejoined; its pre-vote at term " : "'s pre-vote at term ")
                            + term + " was rejected, it follows leader " + names.apply(leader) + " without changing the term"));
                } else if (was == NodeRole.LEADER) {
                    row(e, channel, node, "stepped down to follower", term, "");
                }
            }
            case EVICTED -> row(e, channel, node, "removed from the consenter set by a config update; its chain halted",
                    term, "");
            default -> {
                // a new leader is reported with its votes by the election event
            }
        }
    }

    private void leader(NetworkEvent.LeaderChanged e) {
        String channel = e.channel();
        NodeId from = e.from();
        NodeId to = e.to();
        long term = e.term();
        if (!to.isNone() || from.isNone() || from.equals(e.node())) {
            return;
        }
        Loss loss = new Loss(from, term);
        if (loss.equals(lostReported.get(channel))) {
            return;
        }
        lostReported.put(channel, loss);
        row(e, channel, e.node(), "lost leader " + names.apply(from), term, "");
        notes.put(new Key(channel, from), new Note(Kind.LOST_LEADER, channel + ": lost leader " + names.apply(from)
                + " at term " + term + "; the followers elect a new one once their election timeout expires"));
    }

    private void won(NetworkEvent.ElectionWon e) {
        String channel = e.channel();
        NodeId node = e.node();
        long term = e.term();
        long ms = e.durationMillis();
        String votes = "pre-votes " + e.preVotes() + "/" + clusterSize + ", votes " + e.votes() + "/"
                + clusterSize + ", " + e.rejections() + " rejections";
        String who = names.apply(node);
        row(e, channel, node, "became leader in " + ms + " ms", term, votes);
        for (Map.Entry<Key, Note> n : notes.entrySet()) {
            Key k = n.getKey();
            if (!k.channel().equals(channel) || k.node().equals(node)) {
                continue;
            }
            if (n.getValue().kind() == Kind.LOST_LEADER) {
                n.setValue(new Note(Kind.LOST_LEADER, channel + ": lost leader " + names.apply(k.node())
                        + "; " + who + " won the election for term " + term + " in " + ms + " ms"));
            } else if (n.getValue().kind() == Kind.ELECTION_STARTED) {
                n.setValue(new Note(Kind.ELECTION_STARTED, n.getValue().message() + "; " + who + " won term " + term));
            }
        }
        notes.put(new Key(channel, node), new Note(Kind.ELECTION_WON, channel + ": " + who
                + " started an election at term " + (term - 1) + " and won it for term " + term + " in " + ms + " ms ("
                + votes + ")"));
    }

    private void node(NetworkEvent.NodeLifecycle e) {
        NodeId node = e.node();
        row(e, "", node, e.stateLabel(), 0, "");
        if (e.state() == NetworkEvent.Lifecycle.STARTED) {
            seen.keySet().removeIf(k -> k.node().equals(node));
        }
        if (e.state() == NetworkEvent.Lifecycle.STARTED || e.state() == NetworkEvent.Lifecycle.HEALED
                || e.state() == NetworkEvent.Lifecycle.ISOLATED) {
            rejoining.add(node);
        }
    }

    private void row(NetworkEvent e, String channel, NodeId node, String event, long term, String votes) {
        if (rows.size() == MAX_ROWS) {
            rows.remove(0);
        }
        rows.add(new Row(e.timeMillis(), channel, node, event, term, votes));
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The latest note per consenter on {@code channel}, by node id. */
    public synchronized Map<NodeId, Note> notes(String channel) {
        Map<NodeId, Note> out = new LinkedHashMap<>();
        notes.forEach((k, v) -> {
            if (k.channel().equals(channel)) {
                out.put(k.node(), v);
            }
        });
        return out;
    }
}
