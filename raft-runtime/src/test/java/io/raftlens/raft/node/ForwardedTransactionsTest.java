package io.raftlens.raft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.Blocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.SubmitRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The follower's side of forwarding, without sockets: what it sends (Fabric's SubmitRequest), when its client hears
 * SUCCESS (once the request is on the stream), the reasons it hears otherwise (Fabric's timeout message), and the
 * control API's commit answer, found in the follower's own blocks.
 */
class ForwardedTransactionsTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<SubmitRequest> sent = new ArrayList<>();
    private final List<Long> to = new ArrayList<>();
    private CompletableFuture<Void> link = new CompletableFuture<>();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private ForwardedTransactions forwarding(Duration rpcTimeout, Duration commitWait) {
        return new ForwardedTransactions("mychannel", (channel, leader, request) -> {
            sent.add(request);
            to.add(leader);
            return link;
        }, rpcTimeout, commitWait, timers, Runnable::run);
    }

    private static Envelope tx(String s) {
        return Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(s)).build();
    }

    @Test
    void successOnceTheRequestIsOnTheStreamAndCommittedOnceInABlockOfThisNode() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofSeconds(30));
        CompletableFuture<BroadcastResult> accepted = new CompletableFuture<>();
        CompletableFuture<BroadcastResult> committed = new CompletableFuture<>();
        f.forward(3, tx("a"), 4, false, accepted, committed);

        assertEquals(List.of(SubmitRequest.newBuilder().setChannel("mychannel").setLastValidationSeq(4)
                .setPayload(tx("a")).build()), sent);
        assertEquals(List.of(3L), to);
        assertFalse(accepted.isDone(), "not before it is written to the link");
        link.complete(null);
        assertEquals(BroadcastResult.accepted(), accepted.get(1, TimeUnit.SECONDS));

        Block genesis = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(0)).build();
        BlockFactory blocks = new BlockFactory(genesis.getHeader());
        f.blockWritten(blocks.createNextBlock(List.of(tx("other"))));
        assertFalse(committed.isDone());
        f.blockWritten(blocks.createNextBlock(List.of(tx("b"), tx("a"))));
        assertEquals(BroadcastResult.success(2), committed.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aFailedSendAnswersBothWithTheReason() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofSeconds(30));
        CompletableFuture<BroadcastResult> accepted = new CompletableFuture<>();
        CompletableFuture<BroadcastResult> committed = new CompletableFuture<>();
        link = CompletableFuture.failedFuture(new IllegalStateException("not connected to consenter orderer3.example.com:9050 (id 3)"));
        f.forward(3, tx("a"), 1, false, accepted, committed);
        BroadcastResult r = accepted.get(1, TimeUnit.SECONDS);
        assertEquals("SERVICE_UNAVAILABLE", r.status());
        assertEquals("cannot forward the transaction to the leader 3: not connected to consenter orderer3.example.com:9050 (id 3)",
                r.info());
        assertEquals(3, r.leader());
        assertEquals(r, committed.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aSendThatDoesNotCompleteTimesOutWithFabricsMessage() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofMillis(50), Duration.ofSeconds(30));
        CompletableFuture<BroadcastResult> accepted = new CompletableFuture<>();
        f.forward(2, tx("a"), 1, false, accepted, null);
        BroadcastResult r = accepted.get(5, TimeUnit.SECONDS);
        assertEquals("SERVICE_UNAVAILABLE", r.status());
        assertEquals("timed out (50ms) waiting on forwarding to 2", r.info());
    }

    @Test
    void manySendsTimeOutTogetherAndAWrittenOneIsNotTimedOut() throws Exception {
        List<CompletableFuture<Void>> links = new ArrayList<>();
        ForwardedTransactions f = new ForwardedTransactions("mychannel", (channel, leader, request) -> {
            CompletableFuture<Void> l = new CompletableFuture<>();
            links.add(l);
            return l;
        }, Duration.ofMillis(50), Duration.ofSeconds(30), timers, Runnable::run);
        List<CompletableFuture<BroadcastResult>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(new CompletableFuture<>());
            f.forward(2, tx("tx" + i), 1, false, accepted.get(i), null);
        }
        links.get(1).complete(null); // written in time, between two that never are
        assertEquals(BroadcastResult.accepted(), accepted.get(1).get(1, TimeUnit.SECONDS));
        for (int i : new int[] {0, 2}) {
            BroadcastResult r = accepted.get(i).get(5, TimeUnit.SECONDS);
            assertEquals("timed out (50ms) waiting on forwarding to 2", r.info());
        }
        assertEquals(BroadcastResult.accepted(), accepted.get(1).get());
    }

    @Test
    void aSendStillUnwrittenWhenTheChainStopsIsAnsweredThen() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofSeconds(30));
        CompletableFuture<BroadcastResult> accepted = new CompletableFuture<>();
        f.forward(2, tx("a"), 1, false, accepted, null);
        assertFalse(accepted.isDone());
        f.failAll("node 1 stopped");
        BroadcastResult r = accepted.get(1, TimeUnit.SECONDS);
        assertEquals("SERVICE_UNAVAILABLE", r.status());
        assertEquals("cannot forward the transaction to the leader 2: node 1 stopped", r.info());
    }

    @Test
    void aCommitNeverSeenIsAnsweredAfterTheWait() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofMillis(100));
        link.complete(null);
        CompletableFuture<BroadcastResult> committed = new CompletableFuture<>();
        f.forward(2, tx("dropped by the leader"), 1, false, new CompletableFuture<>(), committed);
        BroadcastResult r = committed.get(5, TimeUnit.SECONDS);
        assertEquals("SERVICE_UNAVAILABLE", r.status());
        assertTrue(r.info().startsWith("forwarded to the leader 2 but not in a block of this node within 100ms"), r.info());
    }

    @Test
    void aForwardedConfigIsFoundByItsConfigUpdateEvenIfTheLeaderRemadeTheConfigEnvelope() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofSeconds(30));
        link.complete(null);
        Envelope update = tx("the admins' CONFIG_UPDATE");
        CompletableFuture<BroadcastResult> committed = new CompletableFuture<>();
        f.forward(1, config(update, "made by the follower"), 2, true, new CompletableFuture<>(), committed);

        Block genesis = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(0)).build();
        Block written = new BlockFactory(genesis.getHeader()).createNextBlock(List.of(config(update, "remade by the leader")));
        assertTrue(Blocks.isConfigBlock(written));
        f.blockWritten(written);
        assertEquals(BroadcastResult.success(1), committed.get(1, TimeUnit.SECONDS));
    }

    @Test
    void stoppingAnswersEveryWaitingCommit() throws Exception {
        ForwardedTransactions f = forwarding(Duration.ofSeconds(7), Duration.ofSeconds(30));
        link.complete(null);
        CompletableFuture<BroadcastResult> committed = new CompletableFuture<>();
        f.forward(2, tx("a"), 1, false, new CompletableFuture<>(), committed);
        f.failAll("node 1 stopped");
        assertEquals(BroadcastResult.unavailable("node 1 stopped", 0), committed.get(1, TimeUnit.SECONDS));
    }

    /** A CONFIG envelope made of {@code update}; {@code signer} stands for what differs when another node makes it. */
    private static Envelope config(Envelope update, String signer) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setChannelId("mychannel").build();
        Payload p = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                        .setSignatureHeader(ByteString.copyFromUtf8(signer)))
                .setData(ConfigEnvelope.newBuilder().setLastUpdate(update).build().toByteString()).build();
        return Envelope.newBuilder().setPayload(p.toByteString()).setSignature(ByteString.copyFromUtf8(signer)).build();
    }
}
