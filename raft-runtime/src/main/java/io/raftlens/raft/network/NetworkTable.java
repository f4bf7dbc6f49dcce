package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal view of a {@link NetworkSnapshot}: per channel, one row per node with role,
 * term, leader and height; or one compact line per channel for logs and pipes.
 */
public final class NetworkTable {

    private static final String RESET = "\033[0m";

    private NetworkTable() {
    }

    /** The table without colours. */
    public static String render(NetworkSnapshot network) {
        return render(network, false);
    }

    /** The table; with {@code color} the role cell is coloured (leader green, candidates yellow, stopped dim). */
    public static String render(NetworkSnapshot network, boolean color) {
        StringBuilder out = new StringBuilder();
        int nameWidth = 4;
        for (NodeState n : network.nodes()) {
            nameWidth = Math.max(nameWidth, n.host().length());
        }
        String fmt = "  %-3s %-" + nameWidth + "s  %s %5s %6s %7s%n";
        for (String ch : network.channels()) {
            out.append("channel ").append(ch).append('\n');
            out.append(String.format(fmt, "id", "node", cell("role", false), "term", "leader", "height"));
            for (NodeState n : network.nodes()) {
                ChannelState c = channel(n, ch);
                if (c == null) {
                    out.append(String.format(fmt, n.id(), n.host(), cell(absent(n), color), "-", "-", "-"));
                } else {
                    out.append(String.format(fmt, n.id(), n.host(), cell(c.role().label(), color), c.term(),
                            c.leader().isNone() ? "-" : c.leader(), c.height()));
                }
            }
        }
        return out.toString();
    }

    /**
     * One line for {@code channel}: the leader and term every running node agrees on (or "no agreed leader"), then
     * each node's role and height, with its term and leader only where they differ from the agreed ones, e.g.
     * {@code mychannel: leader 2 term 3 | 1 stopped, 2 leader h5, 3 follower h5, 4 candidate t4 h5, 5 follower h4}.
     */
    public static String compact(NetworkSnapshot network, String channel) {
        NodeId agreedLeader = null;
        long agreedTerm = -1;
        boolean agreed = true;
        for (NodeState n : network.nodes()) {
            ChannelState c = channel(n, channel);
            // an evicted or halted node no longer takes part in the channel's elections, a member never did: no say
            if (c == null || c.role() == NodeRole.EVICTED || c.role() == NodeRole.HALTED || c.role() == NodeRole.MEMBER) {
                continue;
            }
            if (agreedLeader == null) {
                agreedLeader = c.leader();
                agreedTerm = c.term();
            } else if (!c.leader().equals(agreedLeader) || c.term() != agreedTerm) {
                agreed = false;
            }
        }
        agreed &= agreedLeader != null && !agreedLeader.isNone();
        StringBuilder out = new StringBuilder(channel).append(": ");
        out.append(agreed ? "leader " + agreedLeader + " term " + agreedTerm : "no agreed leader").append(" |");
        List<String> rows = new ArrayList<>();
        for (NodeState n : network.nodes()) {
            ChannelState c = channel(n, channel);
            StringBuilder row = new StringBuilder().append(n.id()).append(' ');
            if (c == null) {
                rows.add(row.append(absent(n)).toString());
                continue;
            }
            row.append(c.role().label());
            if (!agreed) {
                row.append(" t").append(c.term()).append(" leader ").append(c.leader().isNone() ? "-" : String.valueOf(c.leader()));
            }
            rows.add(row.append(" h").append(c.height()).toString());
        }
        return out.append(' ').append(String.join(", ", rows)).toString();
    }

    /** Why a node has no state on a channel: stopped, or running without it (left or never joined it). */
    private static String absent(NodeState n) {
        return n.running() ? NOT_JOINED : NodeRole.STOPPED.label();
    }

    /** A running node that is not on the channel (channel participation API). */
    static final String NOT_JOINED = "not joined";

    /** The node's state on the channel, or null when it is stopped (or does not serve the channel). */
    private static ChannelState channel(NodeState node, String channel) {
        return node.running() ? node.channel(channel).orElse(null) : null;
    }

    /** The 13-wide role cell; colour codes go around the padded text so the columns stay aligned. */
    private static String cell(String role, boolean color) {
        String padded = String.format("%-13s", role);
        if (!color) {
            return padded;
        }
        String code = switch (role) {
            case "leader" -> "\033[1;32m";
            case "candidate", "pre-candidate" -> "\033[33m";
            case "stopped" -> "\033[2m";
            default -> "";
        };
        return code.isEmpty() ? padded : code + role + RESET + padded.substring(role.length());
    }
}
