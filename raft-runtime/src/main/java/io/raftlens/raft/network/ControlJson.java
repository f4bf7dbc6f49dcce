package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
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
            m.put("leader", e.leader().value());
        } else if (event instanceof NetworkEvent.LeaderChanged e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("from", e.from().value());
            m.put("to", e.to().value());
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
            m.put("consenters", values(e.consenters()));
        } else if (event instanceof NetworkEvent.BlockCommitted e) {
            channelAndNode(m, e.channel(), e.node());
            m.put("number", e.number());
            m.put("transactions", e.transactions());
        } else if (event instanceof NetworkEvent.NodeLifecycle e) {
            m.put("node", e.node().value());
            m.put("name", e.name());
            m.put("state", e.stateLabel());
        } else if (event instanceof NetworkEvent.PartitionChanged e) {
            m.put("groups", e.groups().stream().map(ControlJson::values).toList());
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
            consenters.put(ch, values(snapshot.consenters().get(ch)));
        }
        doc.put("consenters", consenters);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeState n : snapshot.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id().value());
            m.put("name", n.host());
            m.put("address", "127.0.0.1:" + n.port());
            m.put("opsAddress", n.opsAddress());
            if (n.clientAddress() != null) {
                m.put("clientAddress", n.clientAddress());
            }
            if (n.adminAddress() != null) {
                m.put("adminAddress", n.adminAddress());
            }
            m.put("running", n.running());
            Map<String, Object> chs = new LinkedHashMap<>();
            if (n.running()) { // a stopped node keeps its last state for the editor; the API shows none
                for (String ch : snapshot.channels()) {
                    n.channel(ch).ifPresent(c -> {
                        Map<String, Object> cm = new LinkedHashMap<>();
                        cm.put("role", c.role().label());
                        cm.put("term", c.term());
                        cm.put("leader", c.leader().value());
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

    /**
     * A {@code GET /v1/network} document read back (a network reached over HTTP, as {@code raftlens bench --url}
     * does); what the document does not carry (the profile, isolation) reads as empty.
     */
    public static NetworkSnapshot readNetwork(Map<?, ?> doc) {
        List<String> channels = new ArrayList<>();
        for (Object c : list(doc.get("channels"))) {
            channels.add(String.valueOf(c));
        }
        Map<String, List<NodeId>> consenters = new LinkedHashMap<>();
        if (doc.get("consenters") instanceof Map<?, ?> byChannel) {
            byChannel.forEach((ch, ids) -> consenters.put(String.valueOf(ch),
                    list(ids).stream().map(id -> NodeId.of(number(id))).toList()));
        }
        List<NodeState> nodes = new ArrayList<>();
        for (Object o : list(doc.get("nodes"))) {
            Map<?, ?> n = (Map<?, ?>) o;
            Map<String, ChannelState> chs = new LinkedHashMap<>();
            if (n.get("channels") instanceof Map<?, ?> byChannel) {
                byChannel.forEach((ch, v) -> {
                    Map<?, ?> c = (Map<?, ?>) v;
                    chs.put(String.valueOf(ch), new ChannelState(NodeRole.ofLabel(String.valueOf(c.get("role"))),
                            number(c.get("term")), NodeId.of(number(c.get("leader"))), number(c.get("commitIndex")),
                            number(c.get("height")), Boolean.TRUE.equals(c.get("consenter"))));
                });
            }
            String address = String.valueOf(n.get("address"));
            int port = address.contains(":") ? Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) : 0;
            nodes.add(new NodeState(NodeId.of(number(n.get("id"))), String.valueOf(n.get("name")), port,
                    String.valueOf(n.get("opsAddress")), Boolean.TRUE.equals(n.get("running")), false, chs));
        }
        return new NetworkSnapshot("", channels, consenters, nodes);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    private static void channelAndNode(Map<String, Object> m, String channel, NodeId node) {
        m.put("channel", channel);
        m.put("node", node.value());
    }

    /** Node ids as the JSON writes them: bare numbers. */
    private static List<Long> values(List<NodeId> ids) {
        return ids.stream().map(NodeId::value).toList();
    }
}
