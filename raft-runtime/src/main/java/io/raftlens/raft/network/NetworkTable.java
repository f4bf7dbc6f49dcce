package io.raftlens.raft.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terminal view of a network ({@code GET /v1/network} document): per channel, one row per node with role,
 * term, leader and height; or one compact line per channel for logs and pipes.
 */
public final class NetworkTable {

    private static final String RESET = "\033[0m";

    private NetworkTable() {
    }

    /** The table without colours. */
    public static String render(Map<String, Object> network) {
        return render(network, false);
    }

    /** The table; with {@code color} the role cell is coloured (leader green, candidates yellow, stopped dim). */
    public static String render(Map<String, Object> network, boolean color) {
        StringBuilder out = new StringBuilder();
        List<Map<String, Object>> nodes = nodes(network);
        int nameWidth = 4;
        for (Map<String, Object> n : nodes) {
            nameWidth = Math.max(nameWidth, String.valueOf(n.get("name")).length());
        }
        String fmt = "  %-3s %-" + nameWidth + "s  %s %5s %6s %7s%n";
        for (String ch : channels(network)) {
            out.append("channel ").append(ch).append('\n');
            out.append(String.format(fmt, "id", "node", cell("role", false), "term", "leader", "height"));
            for (Map<String, Object> n : nodes) {
                Map<String, Object> c = channel(n, ch);
                if (c == null) {
                    out.append(String.format(fmt, n.get("id"), n.get("name"), cell("stopped", color), "-", "-", "-"));
                } else {
                    long leader = number(c.get("leader"));
                    out.append(String.format(fmt, n.get("id"), n.get("name"), cell(String.valueOf(c.get("role")), color),
                            c.get("term"), leader == 0 ? "-" : leader, c.get("height")));
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
    public static String compact(Map<String, Object> network, String channel) {
        List<Map<String, Object>> nodes = nodes(network);
        long agreedLeader = -1;
        long agreedTerm = -1;
        boolean agreed = true;
        for (Map<String, Object> n : nodes) {
            Map<String, Object> c = channel(n, channel);
            if (c == null) {
                continue;
            }
            long l = number(c.get("leader"));
            long t = number(c.get("term"));
            if (agreedLeader == -1) {
                agreedLeader = l;
                agreedTerm = t;
            } else if (l != agreedLeader || t != agreedTerm) {
                agreed = false;
            }
        }
        agreed &= agreedLeader > 0;
        StringBuilder out = new StringBuilder(channel).append(": ");
        out.append(agreed ? "leader " + agreedLeader + " term " + agreedTerm : "no agreed leader").append(" |");
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> n : nodes) {
            Map<String, Object> c = channel(n, channel);
            StringBuilder row = new StringBuilder().append(n.get("id")).append(' ');
            if (c == null) {
                rows.add(row.append("stopped").toString());
                continue;
            }
            row.append(c.get("role"));
            if (!agreed) {
                long l = number(c.get("leader"));
                row.append(" t").append(c.get("term")).append(" leader ").append(l == 0 ? "-" : String.valueOf(l));
            }
            rows.add(row.append(" h").append(c.get("height")).toString());
        }
        return out.append(' ').append(String.join(", ", rows)).toString();
    }

    @SuppressWarnings("unchecked")
    public static List<String> channels(Map<String, Object> network) {
        return (List<String>) network.get("channels");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> network) {
        return (List<Map<String, Object>>) network.get("nodes");
    }

    /** The node's state on the channel, or null when it is stopped (or does not serve the channel). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(Map<String, Object> node, String channel) {
        Map<String, Object> chs = (Map<String, Object>) node.get("channels");
        return Boolean.TRUE.equals(node.get("running")) && chs != null ? (Map<String, Object>) chs.get(channel) : null;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
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
