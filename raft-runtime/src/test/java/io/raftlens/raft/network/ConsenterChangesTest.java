package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.node.BroadcastResult;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.ConsenterUpdateResult;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.ConfigBlocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.orderer.LedgerVerifier;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Removing consenters from a running channel by a config update (Fabric etcdraft semantics), over real sockets. */
@Timeout(150)
class ConsenterChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * 100 ms: the first test checks that no election happens while the removed node is cut off; with 50 ms ticks a
     * starved CPU (two test JVMs at load 20) let one happen.
     */
    private static final Duration TICK = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void aRemovedFollowerHaltsThatChannelAndIsCutOffWhileTheOthersKeepOrdering() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 5, List.of("mychannel", "other"), TICK, 10,
                Duration.ofMillis(50), 16 << 20);
        Path data = dir.resolve("data");
        long removed;
        List<Long> remaining;
        long configBlock;
        try (LogCapture chainLog = new LogCapture();
             LogCapture transportLog = new LogCapture("io.raftlens.raft.transport.AcceptedLinkHandler");
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            long lastBlock = 0;
            for (int i = 0; i < 3; i++) {
                BroadcastResult b = send(net, "mychannel", "before " + i);
                assertTrue(b.isSuccess(), b.toString());
                lastBlock = b.block();
            }
            removed = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leader.id()).max(Long::compare).orElseThrow();
            remaining = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
            remaining.remove(removed);

            ConsenterUpdateResult r = net.updateConsenters("mychannel", remaining).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", r.status(), r.info());
            assertEquals(lastBlock + 1, r.block(), "the config block follows the blocks already committed");
            assertEquals(remaining, r.consenters());
            configBlock = r.block();

            for (long id : remaining) {
                TestNetworks.await("node " + id + " applies the removal", WAIT, () ->
                        status(net, id, "mychannel").consenters().equals(remaining)
                                && clusterSize(net.node(id).orElseThrow().metrics().scrape(), "mychannel") == 4);
            }
            TestNetworks.await("node " + removed + " halts mychannel", WAIT,
                    () -> status(net, removed, "mychannel").evicted());
            for (int i = 0; i < 3; i++) {
                assertTrue(send(net, "mychannel", "after " + i).isSuccess());
            }
            // Election timeouts are random per start (issue 14), so "other" may still be electing: wait for it.
            TestNetworks.await("the other channel is untouched on node " + removed, WAIT, () ->
                    "follower".equals(status(net, removed, "other").role()) || "leader".equals(status(net, removed, "other").role()));
            assertTrue(send(net, "other", "still ordering").isSuccess());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), status(net, removed, "other").consenters());
            assertTrue(chainLog.of("mychannel", removed).stream().anyMatch(l -> l.startsWith("This node is being removed from replica set")
                    || l.startsWith("Detected eviction of ourselves from the configuration")), String.join("\n", chainLog.of("mychannel", removed)));
            long newLeader = net.leader("mychannel");
            assertTrue(chainLog.of("mychannel", newLeader).stream().anyMatch(
                    l -> l.startsWith("Applied config change to remove node " + removed + ", current nodes in channel: "
                            + remaining.toString().replace(",", "") + " ")), String.join("\n", chainLog.of("mychannel", newLeader)));

            // A node removed from the consenter set is cut off: with its own certificate, its Raft frames and block
            // requests on that channel are refused by the others (counted), while it stays a consenter of "other".
            cutOff(net, plan, data, removed, newLeader, transportLog);
            Agreement.Leader after = Agreement.await(net, "mychannel", WAIT);
            assertEquals(newLeader, after.id(), "the removed node's votes must not disturb the channel");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L).size() - 1, net.consenters("mychannel").size());
        }

        // The change survives a restart of the whole launch: it is in the ledgers (and the WALs).
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false))) {
            Agreement.await(net, "mychannel", WAIT);
            TestNetworks.await("node " + removed + " stays evicted", WAIT, () -> status(net, removed, "mychannel").evicted());
            for (long id : remaining) {
                assertEquals(remaining, status(net, id, "mychannel").consenters());
            }
            BroadcastResult last = send(net, "mychannel", "after restart");
            assertTrue(last.isSuccess(), last.toString());
            assertEquals(remaining, net.consenters("mychannel"));
            long h = last.block() + 1;
            for (long id : remaining) {
                TestNetworks.await("node " + id + " at height " + h, WAIT, () -> status(net, id, "mychannel").height() >= h);
            }
            net.stopAll();
        }
        DataDirectory dd = DataDirectory.prepare(data, plan, false);
        List<Block> reference = null;
        for (ConsenterPlan c : plan.consenters()) {
            Path ledgerDir = new LedgerDirectory(dd.nodeDir(c)).ledgerDir("mychannel");
            LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", ledgerDir);
            assertTrue(v.valid(), v.toJson());
            List<Block> blocks = blocks(ledgerDir);
            Block config = blocks.get((int) configBlock);
            assertTrue(Blocks.isConfigBlock(config));
            assertEquals(1, ConfigBlocks.read(config).sequence());
            assertEquals(4, ConfigBlocks.read(config).etcdRaft().getConsentersCount());
            assertEquals(configBlock, Blocks.lastConfigIndex(blocks.get(blocks.size() - 1)));
            if (c.id().value() == removed) {
                assertEquals(configBlock + 1, blocks.size(), "the removed node stops at the config block");
                continue;
            }
            if (reference == null) {
                reference = blocks;
            }
            assertEquals(headers(reference), headers(blocks), "node " + c.id() + " agrees");
        }
    }

    @Test
    void removingTheLeaderHandsLeadershipOverFirst() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), TICK, 10,
                Duration.ofMillis(50), 16 << 20);
        try (LogCapture logs = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            assertTrue(send(net, "mychannel", "before").isSuccess());
            List<Long> remaining = new ArrayList<>(List.of(1L, 2L, 3L));
            remaining.remove(leader.id());

            ConsenterUpdateResult r = net.updateConsenters("mychannel", remaining).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", r.status(), r.info());
            assertEquals(remaining, r.consenters());

            TestNetworks.await("node " + leader.id() + " evicted", WAIT, () -> status(net, leader.id(), "mychannel").evicted());
            Agreement.Leader next = Agreement.await(net, "mychannel", WAIT);
            assertNotEquals(leader.id(), next.id());
            assertTrue(remaining.contains(next.id()));
            List<String> old = logs.of("mychannel", leader.id());
            int transfer = indexOf(old, l -> l.startsWith("Transferring leadership to "));
            int detected = indexOf(old, l -> l.startsWith("Detected eviction of ourselves from the configuration"));
            assertTrue(detected >= 0 && transfer > detected, "leadership is handed over after the config block: " + old);
            for (long id : remaining) {
                TestNetworks.await("node " + id + " applies the removal", WAIT,
                        () -> status(net, id, "mychannel").consenters().equals(remaining));
            }
            assertTrue(send(net, "mychannel", "after").isSuccess());
        }
    }

    @Test
    void twoChangesAtOnceAndARemovalThatLosesQuorumAreRefused() throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), TICK, 10,
                Duration.ofMillis(50), 16 << 20);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            assertTrue(send(net, "mychannel", "served").isSuccess()); // the leader serves once it caught up
            ConsenterUpdateResult two = net.updateConsenters("mychannel", List.of(leader.id()))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("BAD_REQUEST", two.status());
            assertEquals("error applying config update to existing channel 'mychannel': consensus metadata update for channel config update is invalid: update of more than one "
                    + "consenter at a time is not supported, requested changes: add 0 node(s), remove 2 node(s)", two.info());

            List<Long> followers = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leader.id()).toList();
            OrderingNode lead = net.node(leader.id()).orElseThrow();
            TestNetworks.await("the leader counts 3 active nodes", WAIT,
                    () -> activeNodes(lead.metrics().scrape(), "mychannel") == 3);
            net.killNode(followers.get(0));
            TestNetworks.await("the leader counts 2 active nodes", WAIT,
                    () -> activeNodes(lead.metrics().scrape(), "mychannel") == 2);
            ConsenterUpdateResult lossy = net.updateConsenters("mychannel", List.of(leader.id(), followers.get(0)))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("BAD_REQUEST", lossy.status());
            assertEquals("error applying config update to existing channel 'mychannel': consensus metadata update for channel config update is invalid: 2 out of 2 nodes are alive, "
                    + "configuration will result in quorum loss", lossy.info());
            assertEquals(List.of(1L, 2L, 3L), net.consenters("mychannel"), "nothing was ordered");
            assertTrue(send(net, "mychannel", "still served").isSuccess());
        }
    }

    @Test
    void aConsenterRemovedWhileDownHaltsOnStartAndAddedBackJoinsWithANewRaftId() throws Exception {
        removeWhileDownThenAddBack(16 << 20);
    }

    @Test
    void anAddedBackConsenterCatchesUpFromASnapshotWhenTheLeaderCompactedItsLog() throws Exception {
        removeWhileDownThenAddBack(2048); // a snapshot every couple of blocks: the log it would replay is gone
    }

    private void removeWhileDownThenAddBack(long snapshotInterval) throws Exception {
        NetworkPlan plan = TestNetworks.plan(dir, 3, List.of("mychannel"), TICK, 10,
                Duration.ofMillis(50), snapshotInterval);
        Path data = dir.resolve("data");
        long node;
        try (LogCapture logs = new LogCapture();
             LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false))) {
            Agreement.Leader leader = Agreement.await(net, "mychannel", WAIT);
            assertTrue(send(net, "mychannel", "served").isSuccess()); // the leader serves once it caught up
            node = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leader.id()).findFirst().orElseThrow();
            List<Long> others = new ArrayList<>(List.of(1L, 2L, 3L));
            others.remove(node);
            net.stopNode(node);
            ConsenterUpdateResult removal = net.updateConsenters("mychannel", others).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", removal.status(), removal.info());
            // it missed the config block: on start it pulls it, finds itself removed and halts instead of campaigning
            net.startNode(node);
            TestNetworks.await("node " + node + " evicted", WAIT, () -> status(net, node, "mychannel").evicted());
            assertTrue(status(net, node, "mychannel").height() > removal.block());
            for (int i = 0; i < 5; i++) {
                // blocks the removed node misses
                assertTrue(send(net, "mychannel", "missed " + i + " " + "x".repeat(1000)).isSuccess());
            }

            List<Long> all = new ArrayList<>(others);
            all.add(node);
            ConsenterUpdateResult r = net.updateConsenters("mychannel", all).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", r.status(), r.info());
            assertEquals(all, r.consenters(), "the API speaks node ids");
            assertEquals(4, net.node(net.leader("mychannel")).orElseThrow().raftId("mychannel", NodeId.of(node)).value(),
                    "Fabric gives an added consenter the next consenter id");
            long lead = net.leader("mychannel");
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("Config block just committed adds node 4, pause accepting")),
                    "the leader pauses until the conf change is applied");
            assertTrue(logs.of("mychannel", 4).stream().anyMatch(l -> l.startsWith("Starting raft node to join an existing channel")),
                    String.join("\n", logs.of("mychannel", 4)));

            BroadcastResult back = send(net, "mychannel", "with the node back");
            assertTrue(back.isSuccess(), back.toString());
            long height = back.block() + 1;
            TestNetworks.await("node " + node + " catches up", WAIT, () -> {
                ChainStatus s = status(net, node, "mychannel");
                return "follower".equals(s.role()) && s.height() >= height;
            });
            assertEquals(all, net.consenters("mychannel"));
            for (long id : all) {
                TestNetworks.await("node " + id + " has 3 consenters", WAIT, () -> status(net, id, "mychannel").consenters().size() == 3
                        && clusterSize(net.node(id).orElseThrow().metrics().scrape(), "mychannel") == 3);
            }
            // it counts for the quorum again: with the other follower down, the channel still orders
            long other = others.stream().filter(id -> id != lead).findFirst().orElseThrow();
            net.killNode(other);
            assertTrue(send(net, "mychannel", "quorum with the added node").isSuccess());
            net.startNode(other);
        }
        // restart: the node keeps its new Raft id (it is in the ledger) and its WAL
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(data, plan, false))) {
            Agreement.await(net, "mychannel", WAIT);
            BroadcastResult last = send(net, "mychannel", "after restart");
            assertTrue(last.isSuccess(), last.toString());
            long height = last.block() + 1;
            for (long id : List.of(1L, 2L, 3L)) {
                TestNetworks.await("node " + id + " at height " + height, WAIT,
                        () -> status(net, id, "mychannel").height() >= height);
            }
            assertEquals(4, net.node(node).orElseThrow().raftId("mychannel", NodeId.of(node)).value());
            net.stopAll();
        }
        DataDirectory dd = DataDirectory.prepare(data, plan, false);
        List<String> reference = null;
        for (ConsenterPlan c : plan.consenters()) {
            Path ledgerDir = new LedgerDirectory(dd.nodeDir(c)).ledgerDir("mychannel");
            LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", ledgerDir);
            assertTrue(v.valid(), v.toJson());
            List<String> h = headers(blocks(ledgerDir));
            if (reference == null) {
                reference = h;
            }
            assertEquals(reference, h, "node " + c.id() + " agrees");
        }
    }

    /** The removed node's identity gets its frames and block requests on the channel refused by {@code peer}. */
    private static void cutOff(LocalNetwork net, NetworkPlan plan, Path data, long removed, long peer,
                               LogCapture transportLog) throws Exception {
        OrderingNode target = net.node(peer).orElseThrow();
        double refusedBefore = refused(target.metrics().scrape());
        NodeIdentities.Identity identity = NodeIdentities.resolve(plan, data.resolve("devca")).get(removed);
        ConsenterPlan p = plan.consenter(peer);
        Transport t = Transport.start(TransportConfig.builder(removed, identity.tls()).listenPort(0).build(), (ch, from, m) -> { });
        try {
            t.addPeer(new PeerEndpoint(peer, p.host(), p.port(), "127.0.0.1", null));
            ChainStatus s = target.chain("mychannel").orElseThrow().status();
            Message vote = Message.newBuilder().setType(MessageType.MsgPreVote).setFrom(removed).setTo(peer)
                    .setTerm(s.term() + 100).setLogTerm(s.term() + 100).setIndex(1_000_000).build();
            TestNetworks.await("node " + peer + " refuses the removed node's frames", WAIT, () -> {
                t.send("mychannel", peer, vote);
                return refused(target.metrics().scrape()) > refusedBefore;
            });
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> t.requestBlock("mychannel", peer, 1, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
            assertInstanceOf(io.raftlens.raft.transport.BlockRequestException.class, e.getCause());
            assertTrue(transportLog.lines().stream().anyMatch(l -> l.contains("refusing messages of channel mychannel")
                    && l.contains("not a consenter of the channel")), String.join("\n", transportLog.lines()));
        } finally {
            t.close();
        }
    }

    private static BroadcastResult send(LocalNetwork net, String channel, String tx) throws Exception {
        return TestNetworks.broadcastUntilServed(net, channel, tx.getBytes(StandardCharsets.UTF_8), WAIT);
    }

    private static ChainStatus status(LocalNetwork net, long node, String channel) {
        return net.node(node).orElseThrow().chain(channel).orElseThrow().status();
    }

    private static List<Block> blocks(Path ledgerDir) {
        List<Block> out = new ArrayList<>();
        try (FileLedger l = FileLedger.open(ledgerDir)) {
            l.iterator(0).forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> headers(List<Block> blocks) {
        return blocks.stream().map(b -> java.util.HexFormat.of().formatHex(Blocks.headerHash(b.getHeader()))).toList();
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static double clusterSize(String scrape, String channel) {
        return gauge(scrape, "consensus_etcdraft_cluster_size", channel);
    }

    private static double activeNodes(String scrape, String channel) {
        return gauge(scrape, "consensus_etcdraft_active_nodes", channel);
    }

    private static double gauge(String scrape, String name, String channel) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{channel=\"" + channel + "\"\\} ([0-9.eE+]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
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
