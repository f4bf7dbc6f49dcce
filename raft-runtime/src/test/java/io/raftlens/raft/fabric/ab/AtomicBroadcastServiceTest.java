package io.raftlens.raft.fabric.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.raftlens.raft.fabric.ApplicationChannels;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.network.OrdererGrpcClient;
import io.raftlens.raft.orderer.BlockSignatures;
import io.raftlens.raft.orderer.Blocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AtomicBroadcast service with real MSP checks, driven through Fabric's published gRPC stubs: a channel of
 * fabric-sdk-java's consortium (cryptogen identities), a one-process "consenter" that cuts each admitted envelope
 * into a block signed by the orderer's identity, and clients that are members or strangers.
 */
class AtomicBroadcastServiceTest {
    private final ChannelConfig config = ApplicationChannels.fromConsortium(FabricFixtures.sdkSystemChannel(), "SampleConsortium", "mychannel");
    private final SigningIdentity orderer = FabricFixtures.sdkSigner("OrdererMSP", "orderer");
    private final SigningIdentity member = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
    private final SigningIdentity stranger = FabricFixtures.nodeOuSigner("OrdererMSP", "orderer");
    private final List<Block> ledger = new CopyOnWriteArrayList<>();
    private final BlockArrivals arrivals = new BlockArrivals();
    private final io.raftlens.raft.metrics.OrdererMetrics metrics = new io.raftlens.raft.metrics.OrdererMetrics();
    private final AtomicBroadcastService service;
    private final Server server;
    private final ManagedChannel channel;

    AtomicBroadcastServiceTest() throws Exception {
        ledger.add(FabricFixtures.block("sdk-java/orderer.block")); // stands in for block 0
        StandardChannel processor = new StandardChannel(() -> config, false, Clock.systemUTC());
        OrdererChannel ch = new OrdererChannel() {
            @Override
            public StandardChannel processor() {
                return processor;
            }

            @Override
            public synchronized CompletableFuture<Ordered> order(Envelope envelope, boolean isConfig) {
                Block prev = ledger.get(ledger.size() - 1);
                BlockData data = BlockData.newBuilder().addData(envelope.toByteString()).build();
                Block b = Blocks.newBlock(ledger.size(), Blocks.headerHash(prev.getHeader())).setData(data).build();
                b = b.toBuilder().setHeader(b.getHeader().toBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data)))).build();
                b = BlockSignatures.sign(Blocks.withOrdererMetadata(b, 0,
                        org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder().setRaftIndex(ledger.size()).build()), orderer);
                ledger.add(b);
                arrivals.blockWritten();
                return CompletableFuture.completedFuture(Ordered.success());
            }

            @Override
            public long height() {
                return ledger.size();
            }

            @Override
            public Optional<Block> block(long number) {
                return number < ledger.size() ? Optional.of(ledger.get((int) number)) : Optional.empty();
            }

            @Override
            public BlockArrivals arrivals() {
                return arrivals;
            }
        };
        service = new AtomicBroadcastService(id -> id.equals("mychannel") ? Optional.of(ch) : Optional.empty(),
                Clock.systemUTC(), Duration.ofMinutes(15), false,
                new io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor(Optional.empty()), metrics);
        server = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
        server.shutdownNow();
        service.shutdown();
    }

    private List<BroadcastResponse> broadcast(Envelope... envs) throws Exception {
        return OrdererGrpcClient.broadcast(channel, List.of(envs));
    }

    private List<DeliverResponse> deliver(SigningIdentity who, long from, long to) throws Exception {
        return OrdererGrpcClient.deliver(channel, OrdererGrpcClient.seek(who, "mychannel", OrdererGrpcClient.at(from),
                OrdererGrpcClient.at(to), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
    }

    private static Envelope tx(SigningIdentity who, String text) {
        return Envelopes.signedTransaction("mychannel", who, ByteString.copyFromUtf8(text), Instant.now());
    }

    @Test
    void membersBroadcastAndReadSignedBlocksStrangersAreForbidden() throws Exception {
        List<BroadcastResponse> ok = broadcast(tx(member, "a"), tx(member, "b"));
        assertEquals(List.of(Status.SUCCESS, Status.SUCCESS), ok.stream().map(BroadcastResponse::getStatus).toList());

        List<BroadcastResponse> forbidden = broadcast(tx(stranger, "c"), tx(member, "d"));
        assertEquals(1, forbidden.size(), "the stream ends after the refusal");
        assertEquals(Status.FORBIDDEN, forbidden.get(0).getStatus());
        assertTrue(forbidden.get(0).getInfo().endsWith(": permission denied"), forbidden.get(0).getInfo());

        List<DeliverResponse> read = deliver(member, 1, 2);
        assertEquals(3, read.size());
        assertEquals(Status.SUCCESS, read.get(2).getStatus());
        var bv = config.policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION);
        for (DeliverResponse r : read.subList(0, 2)) {
            BlockSignatures.verify(r.getBlock(), bv); // the client checks the orderer's signature as a peer does
        }
        assertEquals(List.of(Status.FORBIDDEN), deliver(stranger, 1, 2).stream().map(DeliverResponse::getStatus).toList());
    }

    /**
     * Fabric's broadcast_* and deliver_* metrics count what the service did, with Fabric's labels: the MetricsTracker
     * of broadcast.go (channel, header type, final status) and deliver.go's streams, requests and blocks.
     */
    @Test
    void broadcastAndDeliverAreCountedAsFabricCountsThem() throws Exception {
        broadcast(tx(member, "a"), tx(member, "b"));
        broadcast(tx(stranger, "c"));
        broadcast(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("not a payload")).build());
        deliver(member, 1, 2);
        deliver(stranger, 1, 1);

        String text = metrics.scrape();
        assertEquals(2.0, value(text, "broadcast_processed_count", "channel=\"mychannel\"", "type=\"ENDORSER_TRANSACTION\"", "status=\"SUCCESS\""), text);
        assertEquals(1.0, value(text, "broadcast_processed_count", "channel=\"mychannel\"", "type=\"ENDORSER_TRANSACTION\"", "status=\"FORBIDDEN\""), text);
        assertEquals(1.0, value(text, "broadcast_processed_count", "channel=\"unknown\"", "type=\"unknown\"", "status=\"BAD_REQUEST\""), text);
        assertEquals(2.0, value(text, "broadcast_enqueue_duration_count", "status=\"SUCCESS\""), text);
        assertEquals(2.0, value(text, "deliver_streams_opened"), text);
        assertEquals(2.0, value(text, "deliver_requests_received", "channel=\"mychannel\"", "data_type=\"block\"", "filtered=\"false\""), text);
        assertEquals(1.0, value(text, "deliver_requests_completed", "channel=\"mychannel\"", "success=\"true\""), text);
        assertEquals(1.0, value(text, "deliver_requests_completed", "channel=\"mychannel\"", "success=\"false\""), text);
        assertEquals(2.0, value(text, "deliver_blocks_sent", "channel=\"mychannel\""), text);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the close is counted on the server's thread
        while (value(metrics.scrape(), "deliver_streams_closed") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2.0, value(metrics.scrape(), "deliver_streams_closed"), "both Deliver streams counted as closed");
    }

    /** The value of the one sample of {@code name} whose labels include every one of {@code labels}. */
    private static double value(String text, String name, String... labels) {
        List<String> lines = text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains)).toList();
        assertEquals(1, lines.size(), name + " " + List.of(labels) + " in\n" + text);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void deliverWaitsForTheBlockItAsksFor() throws Exception {
        CompletableFuture<List<DeliverResponse>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(member, 1, 1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertEquals(false, waiting.isDone());
        broadcast(tx(member, "late"));
        List<DeliverResponse> got = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(1, got.get(0).getBlock().getHeader().getNumber());
        assertEquals(Status.SUCCESS, got.get(1).getStatus());
    }
}
