package io.raftlens.raft.transport;

import static io.raftlens.raft.transport.TestNode.TIMEOUT;
import static io.raftlens.raft.transport.TestNode.heartbeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TransportTest {
    static final String CH = "mychannel";

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private DevCa ca() {
        return DevCa.loadOrCreate(dir.resolve("crypto"), "example.com");
    }

    private TestNode node(long id, DevCa ca) {
        return node(id, ca.nodeMaterial("orderer" + id + ".example.com"), TestNode.config(id,
                ca.nodeMaterial("orderer" + id + ".example.com")));
    }

    private TestNode node(long id, TlsMaterial tls, TransportConfig.Builder config) {
        TestNode n = new TestNode(id, tls, config);
        toClose.add(n);
        return n;
    }

    /** Every node knows every other as a peer and as a consenter of {@link #CH}. */
    private static void mesh(TestNode... nodes) {
        Map<Long, X509Certificate> consenters = new HashMap<>();
        for (TestNode n : nodes) {
            consenters.put(n.id, n.tls.certificate());
        }
        for (TestNode n : nodes) {
            n.transport.setChannelMembers(CH, consenters);
        }
        for (TestNode n : nodes) {
            for (TestNode peer : nodes) {
                if (peer != n) {
                    n.transport.addPeer(peer.endpoint());
                }
            }
        }
    }

    private static void awaitLinks(TestNode... nodes) throws InterruptedException {
        for (TestNode n : nodes) {
            for (TestNode peer : nodes) {
                if (peer != n) {
                    assertTrue(n.transport.awaitConnected(peer.id, TIMEOUT), n.id + " -> " + peer.id + " not connected");
                }
            }
        }
    }

    @Test
    void twoNodesExchangeRaftMessagesOverMutualTls() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);

        Message app = Message.newBuilder().setType(MessageType.MsgApp).setFrom(1).setTo(2).setTerm(3)
                .setIndex(7).setLogTerm(2).setCommit(6)
                .addEntries(Entry.newBuilder().setTerm(3).setIndex(8).setData(ByteString.copyFrom(new byte[256])))
                .build();
        assertTrue(a.transport.send(CH, 2, app));
        TestNode.Received got = b.next();
        assertEquals(new TestNode.Received(CH, 1, app), got);

        assertTrue(b.transport.send(CH, 1, heartbeat(2, 1, 3)));
        assertEquals(new TestNode.Received(CH, 2, heartbeat(2, 1, 3)), a.next());
        assertEquals(1, b.transport.stats().ingressStreams());
        assertEquals(1, a.transport.stats().egressTlsConnections());
    }

    @Test
    void worksWithConsenterCertificatesLoadedFromPemFiles() throws Exception {
        DevCa ca = ca(); // stands in for cryptogen: its files are loaded back as an operator's would be
        TestNode[] nodes = new TestNode[2];
        for (int id = 1; id <= 2; id++) {
            String host = "orderer" + id + ".example.com";
            ca.nodeMaterial(host);
            Path tlsDir = dir.resolve("crypto/orderers/" + host + "/tls");
            TlsMaterial tls = TlsMaterial.fromPemFiles(tlsDir.resolve("server.crt"), tlsDir.resolve("server.key"),
                    List.of(tlsDir.resolve("ca.crt")));
            nodes[id - 1] = node(id, tls, TestNode.config(id, tls));
        }
        mesh(nodes);
        awaitLinks(nodes);
        assertTrue(nodes[0].transport.send(CH, 2, heartbeat(1, 2, 4)));
        assertEquals(new TestNode.Received(CH, 1, heartbeat(1, 2, 4)), nodes[1].next());
    }

    @Test
    void threeNodesDeliverInOrderBetweenEveryPair() throws Exception {
        DevCa ca = ca();
        TestNode[] nodes = {node(1, ca), node(2, ca), node(3, ca)};
        mesh(nodes);
        awaitLinks(nodes);
        for (TestNode from : nodes) {
            for (TestNode to : nodes) {
                if (from != to) {
                    for (int term = 1; term <= 50; term++) {
                        assertTrue(from.transport.send(CH, to.id, heartbeat(from.id, to.id, term)));
                    }
                }
            }
        }
        for (TestNode to : nodes) {
            Map<Long, Long> lastTerm = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                TestNode.Received r = to.next();
                long previous = lastTerm.getOrDefault(r.from(), 0L);
                assertEquals(previous + 1, r.message().getTerm(), "per-link FIFO from node " + r.from());
                lastTerm.put(r.from(), r.message().getTerm());
            }
            assertEquals(2, lastTerm.size());
        }
    }

    @Test
    void reconnectsAfterThePeerRestarts() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        int port = b.port();
        b.close();

        TestNode b2 = node(2, b.tls, TestNode.config(2, b.tls).listenPort(port));
        b2.transport.setChannelMembers(CH, Map.of(1L, a.tls.certificate(), 2L, b.tls.certificate()));
        assertTrue(a.transport.awaitConnected(2, TIMEOUT), "node 1 did not reconnect to the restarted node 2");
        assertTrue(a.transport.send(CH, 2, heartbeat(1, 2, 9)));
        assertEquals(new TestNode.Received(CH, 1, heartbeat(1, 2, 9)), b2.next());
    }

    @Test
    void fullQueueDropsAndCountsWithoutBlocking() throws Exception {
        DevCa ca = ca();
        // a single shared event loop: while it runs our task it cannot drain, so the queue fills deterministically
        MultiThreadIoEventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        toClose.add(() -> loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        CopyOnWriteArrayList<DropReason> drops = new CopyOnWriteArrayList<>();
        TransportObserver observer = new TransportObserver() {
            @Override
            public void messageDropped(String host, String channel, DropReason reason) {
                drops.add(reason);
            }
        };
        TlsMaterial tlsA = ca.nodeMaterial("orderer1.example.com");
        TestNode a = node(1, tlsA, TestNode.config(1, tlsA).sendBufferSize(4).sharedEventLoopGroup(loop)
                .observer(observer));
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);

        AtomicInteger accepted = new AtomicInteger();
        loop.submit(() -> {
            for (int term = 1; term <= 10; term++) {
                if (a.transport.send(CH, 2, heartbeat(1, 2, term))) {
                    accepted.incrementAndGet();
                }
            }
        }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(4, accepted.get());
        assertEquals(List.of(DropReason.QUEUE_FULL, DropReason.QUEUE_FULL, DropReason.QUEUE_FULL,
                DropReason.QUEUE_FULL, DropReason.QUEUE_FULL, DropReason.QUEUE_FULL), drops);
        for (int term = 1; term <= 4; term++) {
            assertEquals(term, b.next().message().getTerm());
        }
    }

    @Test
    void sendToAnUnknownOrUnconnectedPeerReturnsFalse() {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        assertFalse(a.transport.send(CH, 5, heartbeat(1, 5, 1)));
        a.transport.addPeer(new PeerEndpoint(5, "orderer5.example.com", 1, "127.0.0.1", null));
        assertFalse(a.transport.send(CH, 5, heartbeat(1, 5, 1)), "nothing listens on port 1");
        assertFalse(a.transport.isConnected(5));
    }

    @Test
    void peerWhoseCertificateIsNotAConsenterIsRefused() throws Exception {
        DevCa ca = ca();
        CountDownLatch refused = new CountDownLatch(1);
        List<String> reasons = new CopyOnWriteArrayList<>();
        TlsMaterial tlsB = ca.nodeMaterial("orderer2.example.com");
        TestNode b = node(2, tlsB, TestNode.config(2, tlsB).observer(new TransportObserver() {
            @Override
            public void peerRefused(String remote, String subject, String channel, String reason) {
                reasons.add(subject + ": " + reason);
                refused.countDown();
            }
        }));
        TestNode intruder = node(9, ca); // same CA, but not a consenter of any of node 2's channels
        b.transport.setChannelMembers(CH, Map.of(2L, tlsB.certificate()));
        intruder.transport.addPeer(b.endpoint());

        assertTrue(refused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(reasons.get(0).contains("CN=orderer9.example.com"), reasons.toString());
        assertTrue(reasons.get(0).contains("is not the TLS certificate of consenter 9"), reasons.toString());
        assertFalse(intruder.transport.isConnected(2));
        assertTrue(b.transport.stats().refusedPeers() >= 1);
        assertFalse(intruder.transport.send(CH, 2, heartbeat(9, 2, 1)));
        assertTrue(b.received.isEmpty());
    }

    @Test
    void framesOfAChannelThePeerDoesNotServeAreRefused() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        // node 1 is a consenter of mychannel but not of other (node 2 presents a cert that differs)
        b.transport.setChannelMembers("other", Map.of(1L, ca.nodeMaterial("orderer7.example.com").certificate(),
                2L, b.tls.certificate()));
        awaitLinks(a, b);
        assertTrue(a.transport.send("other", 2, heartbeat(1, 2, 1)));
        assertTrue(a.transport.send(CH, 2, heartbeat(1, 2, 2)));
        TestNode.Received r = b.next();
        assertEquals(CH, r.channel(), "the frame of 'other' must not be delivered");
        assertEquals(1, b.transport.stats().refusedPeers());
    }

    private static org.hyperledger.fabric.protos.orderer.SubmitRequest submit(String channel, String payload, long seq) {
        return org.hyperledger.fabric.protos.orderer.SubmitRequest.newBuilder().setChannel(channel).setLastValidationSeq(seq)
                .setPayload(org.hyperledger.fabric.protos.common.Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8(payload))).build();
    }

    @Test
    void aForwardedTransactionReachesThePeerOnTheLinkItsSenderDialed() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        a.transport.sendSubmit(CH, 2, submit(CH, "tx1", 3)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        TestNode.Submitted s = b.submitted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(CH, s.channel());
        assertEquals(1, s.from());
        assertEquals(3, s.request().getLastValidationSeq());
        assertEquals("tx1", s.request().getPayload().getPayload().toStringUtf8());
        assertTrue(b.received.isEmpty(), "a forwarded transaction is not a Raft message");
        // its own bounded queue, Fabric's msg_type "transaction", next to the Raft one
        TransportStats.QueueStat q = a.transport.stats().queues().stream().filter(x -> x.msgType().equals("transaction"))
                .findFirst().orElseThrow();
        assertEquals(CH, q.channel());
        assertTrue(q.capacity() > 0 && q.connected(), q.toString());
    }

    @Test
    void aForwardedTransactionOfAChannelThePeerDoesNotServeIsRefusedAndCounted() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        b.transport.setChannelMembers("other", Map.of(1L, ca.nodeMaterial("orderer7.example.com").certificate(),
                2L, b.tls.certificate()));
        awaitLinks(a, b);
        // sent (Fabric's sender learns nothing more), but not handed to node 2's chain
        a.transport.sendSubmit("other", 2, submit("other", "intruding", 1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        a.transport.sendSubmit(CH, 2, submit(CH, "member", 1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        TestNode.Submitted s = b.submitted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("member", s.request().getPayload().getPayload().toStringUtf8());
        assertTrue(b.submitted.isEmpty());
        assertEquals(1, b.transport.stats().refusedPeers());
    }

    @Test
    void forwardedTransactionsBeyondTheSendBufferWaitForRoomInsteadOfBeingDropped() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca.nodeMaterial("orderer1.example.com"), TestNode.config(1, ca.nodeMaterial("orderer1.example.com"))
                .sendBufferSize(2));
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(a.transport.sendSubmit(CH, 2, submit(CH, "tx" + i, 1)));
        }
        for (var f : sent) {
            f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS); // none dropped: Fabric's sender waits on a full buffer
        }
        for (int i = 0; i < 500; i++) {
            TestNode.Submitted s = b.submitted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("tx" + i, s.request().getPayload().getPayload().toStringUtf8());
        }
    }

    @Test
    void forwardingToAnUnknownOrUnconnectedPeerFailsWithTheReason() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        var unknown = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> a.transport.sendSubmit(CH, 5, submit(CH, "x", 1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(unknown.getCause().getMessage().contains("node 5 is not a known consenter of node 1"),
                unknown.getCause().getMessage());
        a.transport.addPeer(new PeerEndpoint(3, "orderer3.example.com", 1, "127.0.0.1", null)); // nothing listens on port 1
        var down = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> a.transport.sendSubmit(CH, 3, submit(CH, "x", 1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(down.getCause().getMessage().contains("not connected to consenter"), down.getCause().getMessage());
    }

    @Test
    void membersGivenAtStartAreInForceWhenThePortOpens() throws Exception {
        DevCa ca = ca();
        TlsMaterial tls1 = ca.nodeMaterial("orderer1.example.com");
        TlsMaterial tls2 = ca.nodeMaterial("orderer2.example.com");
        Map<Long, X509Certificate> consenters = Map.of(1L, tls1.certificate(), 2L, tls2.certificate());
        TestNode b = node(2, tls2, TestNode.config(2, tls2).channelMembers(CH, consenters));
        TestNode a = node(1, tls1, TestNode.config(1, tls1).channelMembers(CH, consenters));
        a.transport.addPeer(b.endpoint());
        assertTrue(a.transport.awaitConnected(2, TIMEOUT));
        assertTrue(a.transport.send(CH, 2, heartbeat(1, 2, 1)));
        assertEquals(1, b.next().from());
        assertEquals(0, b.transport.stats().refusedPeers());
    }

    @Test
    void aMessageSpeakingForAnotherNodeIsRefused() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        assertTrue(a.transport.send(CH, 2, heartbeat(3, 2, 1)), "queued; the receiver judges it");
        assertTrue(a.transport.send(CH, 2, heartbeat(1, 2, 2)));
        assertEquals(2, b.next().message().getTerm());
        assertEquals(1, b.transport.stats().refusedPeers());
    }

    @Test
    void certificateFromAnotherCaFailsTheHandshake() throws Exception {
        DevCa ca = ca();
        DevCa rogue = DevCa.loadOrCreate(dir.resolve("rogue"), "example.com");
        CountDownLatch refused = new CountDownLatch(1);
        List<String> reasons = new CopyOnWriteArrayList<>();
        TlsMaterial tlsB = ca.nodeMaterial("orderer2.example.com");
        TestNode b = node(2, tlsB, TestNode.config(2, tlsB).observer(new TransportObserver() {
            @Override
            public void peerRefused(String remote, String subject, String channel, String reason) {
                reasons.add(reason);
                refused.countDown();
            }
        }));
        // the impostor copies node 1's name but its certificate is issued by another CA; it trusts our CA
        TlsMaterial rogueTls = rogue.nodeMaterial("orderer1.example.com");
        TlsMaterial impostorTls = new TlsMaterial(rogueTls.key(), rogueTls.certChain(), List.of(ca.certificate()));
        TestNode impostor = node(1, impostorTls, TestNode.config(1, impostorTls));
        b.transport.setChannelMembers(CH, Map.of(1L, ca.nodeMaterial("orderer1.example.com").certificate(),
                2L, tlsB.certificate()));
        impostor.transport.addPeer(b.endpoint());

        assertTrue(refused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(reasons.get(0).startsWith("TLS handshake failed"), reasons.toString());
        assertTrue(reasons.get(0).contains("certificate CN=orderer1.example.com"), reasons.toString());
        assertFalse(impostor.transport.isConnected(2));
        assertEquals(0, b.transport.stats().ingressStreams());
    }

    @Test
    void isolatePartitionAndHealDropBothWaysOnOpenConnections() throws Exception {
        DevCa ca = ca();
        CountDownLatch droppedAtOne = new CountDownLatch(1);
        TlsMaterial tls1 = ca.nodeMaterial("orderer1.example.com");
        TestNode[] n = {node(1, tls1, TestNode.config(1, tls1).observer(new TransportObserver() {
            @Override
            public void inboundDropped(long from, String channel, DropReason reason) {
                assertEquals(DropReason.FAULT_INJECTED, reason);
                droppedAtOne.countDown();
            }
        })), node(2, ca), node(3, ca)};
        mesh(n);
        awaitLinks(n);
        TestNode one = n[0];
        TestNode two = n[1];
        TestNode three = n[2];

        one.transport.partition(List.of(Set.of(1L, 2L), Set.of(3L)));
        assertFalse(one.transport.send(CH, 3, heartbeat(1, 3, 1)), "outbound across the partition");
        assertTrue(three.transport.send(CH, 1, heartbeat(3, 1, 1)), "queued by 3, dropped when it reaches 1");
        assertTrue(one.transport.send(CH, 2, heartbeat(1, 2, 1)), "inside the group");
        assertEquals(1, two.next().message().getTerm());
        assertTrue(droppedAtOne.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

        one.transport.heal();
        assertTrue(three.transport.send(CH, 1, heartbeat(3, 1, 2)));
        TestNode.Received r = one.next();
        assertEquals(2, r.message().getTerm(), "term 1 was dropped at node 1");
        assertTrue(one.received.isEmpty());
        assertTrue(one.transport.send(CH, 3, heartbeat(1, 3, 3)));
        assertEquals(3, three.next().message().getTerm());
        assertTrue(one.transport.isConnected(3), "connections were kept open");

        one.transport.partition(List.of(Set.of(1L, 3L)));
        assertFalse(one.transport.send(CH, 2, heartbeat(1, 2, 4)), "node 2 is in no group: cut off from 1");
        one.transport.heal();

        one.transport.isolate(1);
        assertFalse(one.transport.send(CH, 2, heartbeat(1, 2, 4)));
        assertFalse(one.transport.send(CH, 3, heartbeat(1, 3, 4)));
        one.transport.heal();
        two.transport.isolate(3);
        assertFalse(two.transport.send(CH, 3, heartbeat(2, 3, 5)));
        assertTrue(two.transport.send(CH, 1, heartbeat(2, 1, 5)));
        assertEquals(5, one.next().message().getTerm());
    }

    @Test
    void pinnedServerCertificateMustMatch() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        X509Certificate wrong = ca.nodeMaterial("orderer3.example.com").certificate();
        a.transport.addPeer(new PeerEndpoint(2, b.host, b.port(), "127.0.0.1", wrong));
        assertFalse(a.transport.awaitConnected(2, java.time.Duration.ofMillis(300)),
                "a server whose certificate is not the pinned ServerTLSCert must not be used");
        a.transport.addPeer(new PeerEndpoint(2, b.host, b.port(), "127.0.0.1", b.tls.certificate()));
        assertTrue(a.transport.awaitConnected(2, TIMEOUT));
    }

    @Test
    void serverCertificateMustNameTheConsentersHost() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        a.transport.addPeer(new PeerEndpoint(2, "orderer7.example.com", b.port(), "127.0.0.1", null));
        assertFalse(a.transport.awaitConnected(2, java.time.Duration.ofMillis(300)),
                "node 2's certificate does not name orderer7.example.com: host name verification must refuse it");
    }

    @Test
    void newestConnectionFromTheSameNodeWins() throws Exception {
        DevCa ca = ca();
        TestNode b = node(2, ca);
        TlsMaterial tls1 = ca.nodeMaterial("orderer1.example.com");
        // the old incarnation retries only after a minute, so it cannot take the link back during the test
        TestNode old = node(1, tls1, TestNode.config(1, tls1)
                .backoff(new Backoff(Duration.ofMinutes(1), 1, Duration.ofMinutes(1), 0, () -> 0)));
        b.transport.setChannelMembers(CH, Map.of(1L, tls1.certificate(), 2L, b.tls.certificate()));
        old.transport.setChannelMembers(CH, Map.of(1L, tls1.certificate(), 2L, b.tls.certificate()));
        old.transport.addPeer(b.endpoint());
        assertTrue(old.transport.awaitConnected(2, TIMEOUT));

        TestNode fresh = node(1, tls1, TestNode.config(1, tls1));
        fresh.transport.addPeer(b.endpoint());
        assertTrue(fresh.transport.awaitConnected(2, TIMEOUT));
        assertEquals(1, b.transport.stats().ingressStreams(), "one inbound link per node");
        old.transport.send(CH, 2, heartbeat(1, 2, 100)); // on the superseded connection: never delivered
        assertTrue(fresh.transport.send(CH, 2, heartbeat(1, 2, 200)));
        assertTrue(fresh.transport.send(CH, 2, heartbeat(1, 2, 201)));
        assertEquals(200, b.next().message().getTerm());
        assertEquals(201, b.next().message().getTerm());
        old.close();
        assertTrue(fresh.transport.send(CH, 2, heartbeat(1, 2, 202)));
        assertEquals(202, b.next().message().getTerm());
    }

    @Test
    void closeReleasesThePortAndThreads() throws Exception {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TestNode b = node(2, ca);
        mesh(a, b);
        awaitLinks(a, b);
        int port = a.port();
        a.close();
        b.close();
        TestNode again = node(1, a.tls, TestNode.config(1, a.tls).listenPort(port));
        assertEquals(port, again.port());
        again.close();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("raft-transport-")) {
                t.join(TIMEOUT.toMillis()); // terminated event loops; join covers the instant before they exit
                assertFalse(t.isAlive(), "left running: " + t.getName());
            }
        }
    }

    @Test
    void portInUseFailsWithAnOperatorMessage() {
        DevCa ca = ca();
        TestNode a = node(1, ca);
        TlsMaterial tls = ca.nodeMaterial("orderer2.example.com");
        TransportException e = assertThrows(TransportException.class,
                () -> Transport.start(TestNode.config(2, tls).listenPort(a.port()).build(), (c, f, m) -> { }));
        assertTrue(e.getMessage().startsWith("node 2 cannot listen on 127.0.0.1:" + a.port()
                + ": address already in use"), e.getMessage());
    }
}
