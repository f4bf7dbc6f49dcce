package io.raftlens.raft.network;

import java.util.List;
import java.util.Map;

/** The terminal view of a network: per channel, one row per node with role, term, leader and height. */
public final class NetworkTable {

    private NetworkTable() {
    }

    /** Renders a {@code GET /v1/network} document. */
    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> network) {
        StringBuilder out = new StringBuilder();
        List<String> channels = (List<String>) network.get("channels");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) network.get("nodes");
        int nameWidth = 4;
        for (Map<String, Object> n : nodes) {
            nameWidth = Math.max(nameWidth, String.valueOf(n.get("name")).length());
        }
        String fmt = "  %-3s %-" + nameWidth + "s  %-13s %5s %6s %7s%n";
        for (String ch : channels) {
            out.append("channel ").append(ch).append('\n');
            out.append(String.format(fmt, "id", "node", "role", "term", "leader", "height"));
            for (Map<String, Object> n : nodes) {
                Map<String, Object> chs = (Map<String, Object>) n.get("channels");
                Map<String, Object> c = chs == null ? null : (Map<String, Object>) chs.get(ch);
                boolean running = Boolean.TRUE.equals(n.get("running"));
                if (!running || c == null) {
                    out.append(String.format(fmt, n.get("id"), n.get("name"), "stopped", "-", "-", "-"));
                } else {
                    Object leader = c.get("leader");
                    out.append(String.format(fmt, n.get("id"), n.get("name"), c.get("role"), c.get("term"),
                            Long.valueOf(0).equals(leader) || Integer.valueOf(0).equals(leader) ? "-" : leader,
                            c.get("height")));
                }
            }
        }
        return out.toString();
    }
}
