package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the bytes of every {@code /v1/events} event kind: the VS Code extension ({@code vscode-extension/src/live})
 * and docs/walkthrough.md read these shapes. Written before the events became typed records; the expected strings
 * were produced by the map-based events and must not change.
 */
class ControlJsonPinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_700_000_000_123L;

    private static String json(NetworkEvent e) throws Exception {
        return JSON.writeValueAsString(ControlJson.event(e));
    }

    @Test
    void everyEventKindKeepsItsJson() throws Exception {
        assertEquals("{\"type\":\"state\",\"time\":1700000000123,\"channel\":\"mychannel\",\"node\":2,\"role\":\"leader\","
                + "\"term\":3,\"leader\":2}", json(PinnedEvents.state(T)));
        assertEquals("{\"type\":\"leader\",\"time\":1700000000123,\"channel\":\"mychannel\",\"node\":1,\"from\":0,\"to\":2,"
                + "\"term\":3}", json(PinnedEvents.leader(T)));
        assertEquals("{\"type\":\"election\",\"time\":1700000000123,\"channel\":\"mychannel\",\"node\":2,\"term\":3,"
                + "\"durationMs\":312,\"preVotes\":2,\"votes\":2,\"rejections\":1}", json(PinnedEvents.election(T)));
        assertEquals("{\"type\":\"membership\",\"time\":1700000000123,\"channel\":\"mychannel\",\"node\":1,\"block\":7,"
                + "\"change\":\"removed 3\",\"consenters\":[1,2]}", json(PinnedEvents.membership(T)));
        assertEquals("{\"type\":\"block\",\"time\":1700000000123,\"channel\":\"mychannel\",\"node\":1,\"number\":8,"
                + "\"transactions\":10}", json(PinnedEvents.block(T)));
        assertEquals("{\"type\":\"node\",\"time\":1700000000123,\"node\":3,\"name\":\"orderer3.example.com\","
                + "\"state\":\"killed\"}", json(PinnedEvents.node(T, "killed")));
        assertEquals("{\"type\":\"node\",\"time\":1700000000123,\"node\":3,\"name\":\"orderer3.example.com\","
                + "\"state\":\"evicted from mychannel\"}", json(PinnedEvents.node(T, "evicted from mychannel")));
        assertEquals("{\"type\":\"partition\",\"time\":1700000000123,\"groups\":[[1,2],[3]]}",
                json(PinnedEvents.partition(T, List.of(List.of(1L, 2L), List.of(3L)))));
        assertEquals("{\"type\":\"partition\",\"time\":1700000000123,\"groups\":[]}", json(PinnedEvents.partition(T, List.of())));
    }

    /**
     * GET /v1/network for a hand-built moment: node 2 is stopped, so its last known state (kept for the editor) is
     * not served. The key order is the one {@code ControlServerTest.networkDocumentKeepsItsExactShape} pinned on the
     * map-based document before the snapshot became typed.
     */
    @Test
    void theNetworkDocumentKeepsItsJson() throws Exception {
        ChannelState leading = new ChannelState(NodeRole.LEADER, 3, NodeId.of(1), 12, 5, true);
        NetworkSnapshot s = new NetworkSnapshot("SampleProfile", List.of("mychannel"), Map.of("mychannel", List.of(NodeId.of(1), NodeId.of(2))),
                List.of(new NodeState(NodeId.of(1), "orderer1.example.com", 7050, "127.0.0.1:8443", true, false, Map.of("mychannel", leading)),
                        new NodeState(NodeId.of(2), "orderer2.example.com", 8050, "127.0.0.1:8444", false, false,
                                Map.of("mychannel", new ChannelState(NodeRole.FOLLOWER, 3, NodeId.of(1), 12, 5, true)))));
        assertEquals("{\"channels\":[\"mychannel\"],\"consenters\":{\"mychannel\":[1,2]},\"nodes\":["
                + "{\"id\":1,\"name\":\"orderer1.example.com\",\"address\":\"127.0.0.1:7050\",\"opsAddress\":\"127.0.0.1:8443\","
                + "\"running\":true,\"channels\":{\"mychannel\":{\"role\":\"leader\",\"term\":3,\"leader\":1,\"commitIndex\":12,"
                + "\"height\":5,\"consenter\":true}}},"
                + "{\"id\":2,\"name\":\"orderer2.example.com\",\"address\":\"127.0.0.1:8050\",\"opsAddress\":\"127.0.0.1:8444\","
                + "\"running\":false,\"channels\":{}}]}", JSON.writeValueAsString(ControlJson.network(s)));
        NetworkSnapshot back = ControlJson.readNetwork(JSON.readValue(JSON.writeValueAsString(ControlJson.network(s)), Map.class));
        assertEquals(ControlJson.network(s), ControlJson.network(back), "read back over HTTP (bench --url), the same document");
        assertEquals(NodeRole.STOPPED, s.nodes().get(1).role("mychannel"));
        assertEquals(5, s.nodes().get(1).height("mychannel"), "a stopped node keeps its height for the editor");
    }
}
