package io.raftlens.raft.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control API's JSON documents, built from the typed model at the edge: the key names and their order are the
 * wire format the VS Code extension and docs/walkthrough.md read ({@code ControlJsonPinTest} pins them).
 */
public final class ControlJson {

    private ControlJson() {
    }

    /** One {@code /v1/events} event: {@code {"type":…, "time":…, …fields}}. */
    public static Map<String, Object> event(NetworkEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", event.type());
        m.put("time", event.timeMillis());
        if (event instanceof NetworkEvent.StateChanged e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("role", e.role().label());
            m.put("term", e.term());
            m.put("leader", e.leader());
        } else if (event instanceof NetworkEvent.LeaderChanged e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("from", e.from());
            m.put("to", e.to());
            m.put("term", e.term());
        } else if (event instanceof NetworkEvent.ElectionWon e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("term", e.term());
            m.put("durationMs", e.durationMillis());
            m.put("preVotes", e.preVotes());
            m.put("votes", e.votes());
            m.put("rejections", e.rejections());
        } else if (event instanceof NetworkEvent.MembershipChanged e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("block", e.block());
            m.put("change", (e.added() ? "added " : "removed ") + e.changed());
            m.put("consenters", e.consenters());
        } else if (event instanceof NetworkEvent.BlockCommitted e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("number", e.number());
            m.put("transactions", e.transactions());
        } else if (event instanceof NetworkEvent.NodeLifecycle e) {
            m.put("node", e.node());
            m.put("name", e.name());
            m.put("state", e.stateLabel());
        } else if (event instanceof NetworkEvent.PartitionChanged e) {
            m.put("groups", e.groups());
        }
        return m;
    }

    /**
     * The {@code GET /v1/network} document: channels, each channel's consenters, and per node its addresses, whether
     * it runs and, when it runs, each channel's role, term, leader, commit index, height and membership.
     */
    public static Map<String, Object> network(NetworkSnapshot snapshot) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("channels", snapshot.channels());
        Map<String, Object> consenters = new LinkedHashMap<>();
        for (String ch : snapshot.channels()) {
            consenters.put(ch, snapshot.consenters().get(ch));
        }
        doc.put("consenters", consenters);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeState n : snapshot.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("name", n.host());
            m.put("address", "127.0.0.1:" + n.port());
            m.put("opsAddress", n.opsAddress());
            if (n.clientAddress() != null) {
                m.put("clientAddress", n.clientAddress());
            }
            m.put("running", n.running());
            Map<String, Object> chs = new LinkedHashMap<>();
            if (n.running()) { // a stopped node keeps its last state for the editor; the API shows none
                for (String ch : snapshot.channels()) {
                    n.channel(ch).ifPresent(c -> {
                        Map<String, Object> cm = new LinkedHashMap<>();
                        cm.put("role", c.role().label());
                        cm.put("term", c.term());
                        cm.put("leader", c.leader());
                        cm.put("commitIndex", c.commitIndex());
                        cm.put("height", c.height());
                        cm.put("consenter", c.consenter());
                        chs.put(ch, cm);
                    });
                }
            }
            m.put("channels", chs);
            nodes.add(m);
        }
        doc.put("nodes", nodes);
        return doc;
    }

    private static void channelAndNode(Map<String, Object> m, String channel, long node) {
        m.put("channel", channel);
        m.put("node", node);
    }
}
