package io.raftlens.raft.transport;

import static io.raftlens.raft.transport.TestNode.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Block requests between two transports over mutual TLS on 127.0.0.1: node 1 pulls from node 2. */
@Timeout(60)
class BlockPullTest {
    static final String CH = "mychannel";
    static final byte[] BLOCK_3 = "block three".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private DevCa ca;
    private TestNode puller;
    private TestNode server;
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final CountDownLatch serving = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        ca = DevCa.loadOrCreate(dir.resolve("crypto"), "example.com");
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        if (puller != null) {
            puller.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Node 2 has block 3 of {@link #CH}; block 99 makes it wait for {@link #release}. */
    private Optional<byte[]> ledger(String channel, long number) {
        served.add(channel + "/" + number);
        if (number == 99) {
            serving.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return CH.equals(channel) && number == 3 ? Optional.of(BLOCK_3) : Optional.empty();
    }

    private void start(int maxOutstanding) throws InterruptedException {
        TlsMaterial t1 = ca.nodeMaterial("orderer1.example.com");
        TlsMaterial t2 = ca.nodeMaterial("orderer2.example.com");
        TlsMaterial t3 = ca.nodeMaterial("orderer3.example.com");
        puller = new TestNode(1, t1, TestNode.config(1, t1).maxOutstandingBlockRequests(maxOutstanding));
        server = new TestNode(2, t2, TestNode.config(2, t2).blockProvider(this::ledger));
        Map<Long, X509Certificate> both = Map.of(1L, t1.certificate(), 2L, t2.certificate());
        puller.transport.setChannelMembers(CH, both);
        server.transport.setChannelMembers(CH, both);
        // node 1 is no consenter of "private" at node 2
        server.transport.setChannelMembers("private", Map.of(2L, t2.certificate(), 3L, t3.certificate()));
        puller.transport.addPeer(server.endpoint());
        server.transport.addPeer(puller.endpoint());
        assertTrue(puller.transport.awaitConnected(2, TIMEOUT));
    }

    private CompletableFuture<Optional<byte[]>> request(String channel, long number, Duration timeout) {
        return puller.transport.requestBlock(channel, 2, number, timeout);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        return assertInstanceOf(BlockRequestException.class, e.getCause());
    }

    @Test
    void aConsenterGetsTheBlockItAsksFor() throws Exception {
        start(4);
        Optional<byte[]> got = request(CH, 3, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertArrayEquals(BLOCK_3, got.orElseThrow());
        assertEquals(List.of(CH + "/3"), served);
    }

    @Test
    void aBlockThePeerDoesNotHaveIsEmpty() throws Exception {
        start(4);
        assertEquals(Optional.empty(), request(CH, 4, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aNodeThatIsNoConsenterOfTheChannelIsRefusedWithTheReason() throws Exception {
        start(4);
        Throwable e = failure(request("private", 3, TIMEOUT));
        assertTrue(e.getMessage().contains("not a consenter of channel private"), e.getMessage());
        assertEquals(List.of(), served, "the ledger must not be read for a refused request");
        assertEquals(1, server.transport.stats().refusedPeers());
        // the link stays up for the channel node 1 does serve
        assertArrayEquals(BLOCK_3, request(CH, 3, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).orElseThrow());
    }

    @Test
    void aPeerThatClosesFailsOutstandingAndLaterRequestsAtOnce() throws Exception {
        start(4);
        CompletableFuture<Optional<byte[]>> outstanding = request(CH, 99, Duration.ofMinutes(10));
        assertTrue(serving.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "node 2 never got the request");
        server.close();
        Throwable e = failure(outstanding); // long before its ten minutes
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        CompletableFuture<Optional<byte[]>> later = request(CH, 3, Duration.ofMinutes(10));
        assertTrue(later.isCompletedExceptionally(), "a request on a closed link must fail without waiting");
        assertTrue(failure(later).getMessage().contains("not connected"));
    }

    @Test
    void requestsBeyondTheBoundFailAtOnceAndAnUnansweredOneTimesOut() throws Exception {
        start(1);
        CompletableFuture<Optional<byte[]>> slow = request(CH, 99, Duration.ofMillis(200));
        CompletableFuture<Optional<byte[]>> second = request(CH, 3, TIMEOUT);
        assertTrue(second.isCompletedExceptionally());
        assertTrue(failure(second).getMessage().contains("already in flight"));
        assertTrue(failure(slow).getMessage().contains("within PT0.2S"));
        release.countDown();
        // the slot is free again once the timed-out request is settled
        assertArrayEquals(BLOCK_3, request(CH, 3, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).orElseThrow());
    }
}
