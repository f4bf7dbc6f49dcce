package io.raftlens.raft.network;

import java.util.LinkedHashMap;
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

    private static void channelAndNode(Map<String, Object> m, String channel, long node) {
        m.put("channel", channel);
        m.put("node", node);
    }
}
