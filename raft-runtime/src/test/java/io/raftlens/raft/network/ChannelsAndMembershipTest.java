package io.raftlens.raft.network;

import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.transport.DevCa;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.transport.TlsMaterial;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class ChannelsAndMembershipTest {

    @TempDir
    Path dir;

    @Test
    void twoChannelsElectAndMoveLeadersIndependently() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("alpha", "beta"), Duration.ofMillis(100), 10,
                Duration.ofMillis(50), 16 << 20);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader alpha = Agreement.await(net, "alpha", Duration.ofSeconds(20));
            Agreement.Leader beta = Agreement.await(net, "beta", Duration.ofSeconds(20));
            long to = net.nodes().stream().map(OrderingNode::id).filter(id -> id != alpha.id()).findFirst().orElseThrow();
            net.transferLeader("alpha", to);
            Agreement.Leader moved = Agreement.await(net, "alpha", Duration.ofSeconds(10));
            TestNetworks.await("alpha led by " + to, Duration.ofSeconds(10), () -> net.leader("alpha") == to);
            assertTrue(moved.term() >= alpha.term());
            assertEquals(beta, Agreement.await(net, "beta", Duration.ofSeconds(5)), "beta is its own Raft group");
            for (String ch : List.of("alpha", "beta")) {
                BroadcastResult r = TestNetworks.broadcastUntilServed(net, ch, ("on " + ch).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(10));
                assertTrue(r.isSuccess(), ch + ": " + r);
            }
        }
    }

    @Test
    void aCertificateFromTheSameCaThatIsNoConsenterCannotJoin() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), Duration.ofMillis(100), 10,
                Duration.ofMillis(50), 16 << 20);
        Path data = dir.resolve("data");
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", Duration.ofSeconds(20));
            OrderingNode target = net.node(1).orElseThrow();
            TlsMaterial rogue = DevCa.loadOrCreate(data.resolve("devca"), "example.com").nodeMaterial("rogue.example.com");
            ConsenterPlan c1 = plan.consenter(1);
            Transport t = Transport.start(TransportConfig.builder(2, rogue).listenPort(0).build(), (ch, from, m) -> { });
            try {
                t.addPeer(new PeerEndpoint(1, c1.host(), c1.port(), "127.0.0.1", null));
                Message vote = Message.newBuilder().setType(MessageType.MsgVote).setFrom(2).setTo(1)
                        .setTerm(leader.term() + 100).setLogTerm(1000).setIndex(1000).build();
                for (int i = 0; i < 20; i++) {
                    t.send("mychannel", 1, vote);
                    Thread.sleep(50);
                }
            } finally {
                t.close();
            }
            assertTrue(refused(target.metrics().scrape()) > 0, "the rogue link must be refused and counted");
            Agreement.Leader after = Agreement.await(net, "mychannel", Duration.ofSeconds(5));
            assertEquals(leader, after, "a non-consenter must not disturb the term");
            assertNotEquals(0, after.id());
        }
    }

    private static double refused(String scrape) {
        Matcher m = Pattern.compile("(?m)^raftlens_cluster_comm_refused_count(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
