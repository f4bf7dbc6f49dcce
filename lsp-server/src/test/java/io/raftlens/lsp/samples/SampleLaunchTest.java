package io.raftlens.lsp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every runnable sample launches with its documented {@code ./raftlens launch} arguments and elects one leader per
 * channel that every node agrees on, as the control API and each node's operations endpoint show.
 */
@Timeout(120)
class SampleLaunchTest {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration ELECTION = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void threeOrderersElectALeader() throws Exception {
        try (LaunchedSample s = launch("three-orderers")) {
            assertEquals(List.of("mychannel"), channels(s));
            electsOneLeaderEach(s, 3);
        }
    }

    @Test
    void fiveOrderersElectALeader() throws Exception {
        try (LaunchedSample s = launch("five-orderers")) {
            assertEquals(List.of("mychannel"), channels(s));
            electsOneLeaderEach(s, 5);
        }
    }

    @Test
    void twoChannelsEachHaveTheirOwnLeader() throws Exception {
        try (LaunchedSample s = launch("two-channels")) {
            assertEquals(List.of("mychannel", "sys-channel"), channels(s));
            electsOneLeaderEach(s, 5);
            long my = agreedLeader(s, "mychannel");
            long sys = agreedLeader(s, "sys-channel");
            if (my == sys) {
                // Both groups happened to elect the same node (the sample notes it can happen); move one, as the
                // walkthrough shows, and the other channel must not notice.
                long to = my % 5 + 1;
                s.post("/v1/channels/sys-channel/transfer-leader", "{\"to\":" + to + "}");
                LaunchedSample.await("sys-channel led by node " + to, ELECTION, () -> agreedLeaderOrZero(s, "sys-channel") == to);
                assertEquals(my, agreedLeader(s, "mychannel"), "moving sys-channel's leader left mychannel alone");
                sys = to;
            }
            assertNotEquals(my, sys);
            // The operations endpoints tell the same story: is_leader is 1 on a different node for each channel.
            assertEquals(1.0, LaunchedSample.value(s.metrics(my), "consensus_etcdraft_is_leader", "mychannel"));
            assertEquals(0.0, LaunchedSample.value(s.metrics(my), "consensus_etcdraft_is_leader", "sys-channel"));
            assertEquals(1.0, LaunchedSample.value(s.metrics(sys), "consensus_etcdraft_is_leader", "sys-channel"));
            assertEquals(0.0, LaunchedSample.value(s.metrics(sys), "consensus_etcdraft_is_leader", "mychannel"));
        }
    }

    private LaunchedSample launch(String sample) throws Exception {
        return LaunchedSample.launch(Repo.samples().resolve(sample).resolve("configtx.yaml"), TICK, data.resolve(sample));
    }

    private static List<String> channels(LaunchedSample s) throws Exception {
        List<String> out = new ArrayList<>();
        network(s).get("channels").forEach(c -> out.add(c.asText()));
        return out.stream().sorted().toList();
    }

    private static void electsOneLeaderEach(LaunchedSample s, int size) throws Exception {
        for (String ch : channels(s)) {
            LaunchedSample.await("a leader of " + ch + " every node agrees on", ELECTION, () -> agreedLeaderOrZero(s, ch) != 0);
            long leader = agreedLeader(s, ch);
            int leaders = 0;
            for (long id = 1; id <= size; id++) {
                String text = s.metrics(id);
                assertEquals(size, LaunchedSample.value(text, "consensus_etcdraft_cluster_size", ch), "cluster size on node " + id);
                double isLeader = LaunchedSample.value(text, "consensus_etcdraft_is_leader", ch);
                assertEquals(id == leader ? 1.0 : 0.0, isLeader, "is_leader of node " + id + " on " + ch);
                leaders += (int) isLeader;
                assertEquals(List.of(), DashboardQueries.read().missingFrom(text), "dashboard metrics on node " + id);
            }
            assertEquals(1, leaders, ch);
        }
    }

    private static JsonNode network(LaunchedSample s) throws Exception {
        return new ObjectMapper().readTree(LaunchedSample.get(s.controlUrl() + "/v1/network"));
    }

    /** The leader every running node reports for {@code channel}, at one term, with one node in the leader role; else 0. */
    static long agreedLeaderOrZero(LaunchedSample s, String channel) {
        try {
            Set<Long> leaders = new HashSet<>();
            Set<Long> terms = new HashSet<>();
            List<Long> inLeaderRole = new ArrayList<>();
            for (JsonNode n : network(s).get("nodes")) {
                if (!n.get("running").asBoolean()) {
                    continue;
                }
                JsonNode c = n.get("channels").get(channel);
                leaders.add(c.get("leader").asLong());
                terms.add(c.get("term").asLong());
                if ("leader".equals(c.get("role").asText())) {
                    inLeaderRole.add(n.get("id").asLong());
                }
            }
            if (leaders.size() == 1 && terms.size() == 1 && inLeaderRole.size() == 1
                    && leaders.contains(inLeaderRole.get(0))) {
                return inLeaderRole.get(0);
            }
            return 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long agreedLeader(LaunchedSample s, String channel) {
        long l = agreedLeaderOrZero(s, channel);
        assertTrue(l != 0, "no agreed leader of " + channel);
        return l;
    }
}
