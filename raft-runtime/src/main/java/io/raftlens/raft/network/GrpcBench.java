package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.transport.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/**
 * Throughput and latency as a Fabric client sees them: envelopes signed beforehand by a client identity (as separate
 * clients would have signed theirs), sent on several {@code orderer.AtomicBroadcast} Broadcast streams spread over the
 * nodes, and timed until their transaction id appears in a block on one Deliver stream. Closed loop keeps
 * {@code window} transactions between send and delivery; open loop paces at {@code rate} tx/s.
 */
public final class GrpcBench implements AutoCloseable {

    /** Envelopes signed before a run, with their transaction ids. */
    public record Signed(List<Envelope> envelopes, List<String> txIds) {
    }

    private final List<ManagedChannel> channels;
    private final ManagedChannel deliverFrom;
    private final SigningIdentity client;
    private final String channel;

    private GrpcBench(List<ManagedChannel> channels, ManagedChannel deliverFrom, SigningIdentity client, String channel) {
        this.channels = channels;
        this.deliverFrom = deliverFrom;
        this.client = client;
        this.channel = channel;
    }

    /**
     * Connects to every consenter's client port over TLS, trusting the TLS CA found beside each node's server
     * certificate (cryptogen's {@code tls/ca.crt}), else the server certificate itself.
     */
    public static GrpcBench connect(LocalNetwork net, SigningIdentity client, String channel) throws Exception {
        List<ManagedChannel> chs = new ArrayList<>();
        for (ConsenterPlan c : net.plan().consenters()) {
            Path ca = c.serverTlsCert().resolveSibling("ca.crt");
            Path trust = Files.isRegularFile(ca) ? ca : c.serverTlsCert();
            chs.add(NettyChannelBuilder.forAddress("127.0.0.1", net.clientPort(c.id().value())).overrideAuthority(c.host())
                    .sslContext(GrpcSslContexts.forClient().trustManager(Pem.readCertificate(trust)).build())
                    // the client's callbacks (count an answer, note a block's ids) never block: running them on the
                    // event loop spares a hand-off per response, CPU the measured orderers would otherwise share
                    .maxInboundMessageSize(256 << 20).directExecutor().build());
        }
        return new GrpcBench(chs, chs.get(0), client, channel);
    }

    /** Signs {@code count} transactions of {@code txSize} data bytes on every core; not part of any timed run. */
    public Signed sign(int count, int txSize) {
        byte[] pad = new byte[txSize];
        Arrays.fill(pad, (byte) 'x');
        ByteString data = ByteString.copyFrom(pad);
        Instant now = Instant.now();
        Envelope[] envs = new Envelope[count];
        IntStream.range(0, count).parallel().forEach(i -> envs[i] = Envelopes.signedTransaction(channel, client, data, now));
        List<String> ids = new ArrayList<>(count);
        for (Envelope e : envs) {
            ids.add(txId(e));
        }
        return new Signed(List.of(envs), ids);
    }

    /**
     * Sends {@code txs} on {@code streams} Broadcast streams for at most {@code duration} (or until the signed
     * envelopes run out), then waits up to 30 s for the outstanding ones. The result has {@link NetworkBench}'s
     * throughput fields plus the gRPC ones.
     */
    public Map<String, Object> throughput(Signed txs, Duration duration, int window, int rate, int streams, int txSize)
            throws InterruptedException {
        Semaphore outstanding = new Semaphore(window);
        LongAdder ok = new LongAdder();
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>(Math.max(16, window * 2));
        NetworkBench.LatencyRecorder latencies = new NetworkBench.LatencyRecorder();
        NetworkBench.ResourceSampler resources = new NetworkBench.ResourceSampler();
        DeliverWatch watch = new DeliverWatch(sentAt, ok, latencies, outstanding);
        StreamObserver<Envelope> deliver = AtomicBroadcastGrpc.newStub(deliverFrom).deliver(watch);
        deliver.onNext(Envelopes.signed(HeaderType.DELIVER_SEEK_INFO, channel, client, SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()))
                .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(Long.MAX_VALUE)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY).build()));
        // the seek starts at the newest block when the orderer reads it: sending before that could commit the first
        // transactions in blocks the stream then never shows (the orderer may read the seek late under load)
        if (!watch.firstBlock.await(30, TimeUnit.SECONDS) && watch.error == null) {
            watch.error = "no block on the Deliver stream of node 1 within 30 s";
        }
        List<BroadcastStream> out = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            out.add(new BroadcastStream(channels.get(i % channels.size()), sentAt, failed, reasons, outstanding));
        }
        List<BroadcastStream> ended = new ArrayList<>();
        int sent = 0;
        boolean exhausted = false;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        OpenLoopPacer pacer = new OpenLoopPacer(rate, start);
        ThreadCpu cpu = new ThreadCpu();
        resources.start();
        cpu.start();
        while (System.nanoTime() < end && watch.error == null) {
            if (sent == txs.envelopes().size()) {
                exhausted = true;
                break;
            }
            if (!pacer.due()) {
                continue;
            }
            if (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            String id = txs.txIds().get(sent);
            int k = sent % streams;
            if (out.get(k).broken) {
                // Fabric's handler ends the stream after its first non-SUCCESS answer; a client opens a new one
                BroadcastStream again = new BroadcastStream(channels.get(k % channels.size()), sentAt, failed, reasons, outstanding);
                ended.add(out.set(k, again));
            }
            sentAt.put(id, pacer.scheduled());
            out.get(k).send(id, txs.envelopes().get(sent));
            sent++;
        }
        outstanding.tryAcquire(window, 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuMs = cpu.stop();
        out.forEach(BroadcastStream::close);
        watch.cancel();
        ended.addAll(out);
        for (BroadcastStream s : ended) {
            acked.add(s.acked.sum());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("txSize", txSize);
        r.put("mode", rate > 0 ? "open loop at " + rate + " tx/s" : "closed loop, window " + window);
        r.put("seconds", NetworkBench.round(seconds));
        r.put("committed", ok.sum());
        r.put("failed", failed.sum() + (watch.error != null ? 1 : 0));
        if (watch.error != null) {
            reasons.computeIfAbsent("deliver stream: " + watch.error, k -> new LongAdder()).increment();
        }
        if (!reasons.isEmpty()) {
            Map<String, Long> why = new TreeMap<>();
            reasons.forEach((k, v) -> why.put(k, v.sum()));
            r.put("failures", why);
        }
        r.put("txPerSecond", NetworkBench.round(ok.sum() / seconds));
        r.put("latencyMs", latencies.percentiles());
        r.put("transport", "grpc");
        r.put("broadcastStreams", streams);
        r.put("signedEnvelopes", txs.envelopes().size());
        r.put("sent", sent);
        r.put("broadcastAcked", acked.sum());
        r.put("blocksDelivered", watch.blocks.sum());
        r.put("signedEnvelopesExhausted", exhausted);
        r.putAll(resources.stop());
        // CPU per committed transaction: what carries over from a busy machine to a quiet one
        r.put("cpuMsPerTx", ok.sum() == 0 ? 0 : Math.round(cpuMs.get("process") / ok.sum() * 1000) / 1000.0);
        r.put("cpuMsByThreads", cpuMs);
        return r;
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        for (ManagedChannel c : channels) {
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String txId(Envelope e) {
        try {
            Payload p = Payload.parseFrom(e.getPayload());
            return ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getTxId();
        } catch (InvalidProtocolBufferException ex) {
            return "";
        }
    }

    /**
     * The tx id of a serialized Envelope, as {@link #txId(Envelope)}, reading only down to the channel header: the
     * Deliver side of the bench does this for every delivered transaction, and parsing each whole envelope (payload,
     * header, data, signature copied out) was CPU the measured orderers share.
     */
    static String txId(ByteString envelope) {
        try {
            // one copy into an array this method owns, then views of it: gRPC hands a large block's data as views of
            // its own buffers (possibly spanning several), which are not walked here
            ByteString owned = com.google.protobuf.UnsafeByteOperations.unsafeWrap(envelope.toByteArray());
            ByteString header = field(field(owned, 1), 1); // Envelope.payload, then Payload.header
            return ChannelHeader.parseFrom(field(header, 1)).getTxId(); // Header.channel_header
        } catch (java.io.IOException ex) {
            return "";
        }
    }

    /**
     * The last value of length-delimited field {@code number} of a serialized message (protobuf's rule), unparsed: a
     * view of the array {@link #txId(ByteString)} owns (aliasing applies to an immutable array's input only).
     */
    private static ByteString field(ByteString owned, int number) throws java.io.IOException {
        com.google.protobuf.CodedInputStream in = owned.newCodedInput();
        in.enableAliasing(true);
        return field(in, number);
    }

    private static ByteString field(com.google.protobuf.CodedInputStream in, int number) throws java.io.IOException {
        ByteString found = ByteString.EMPTY;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == (number << 3 | com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                found = in.readBytes();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return found;
    }

    /** One Broadcast stream; Fabric's handler answers each envelope in order, so the answers pair with a FIFO of ids. */
    private static final class BroadcastStream implements StreamObserver<BroadcastResponse> {
        private final Queue<String> pending = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> sentAt;
        private final LongAdder failed;
        private final Map<String, LongAdder> reasons;
        private final Semaphore outstanding;
        private final LongAdder acked = new LongAdder();
        private final StreamObserver<Envelope> requests;
        volatile boolean broken;

        BroadcastStream(ManagedChannel ch, Map<String, Long> sentAt, LongAdder failed, Map<String, LongAdder> reasons,
                        Semaphore outstanding) {
            this.sentAt = sentAt;
            this.failed = failed;
            this.reasons = reasons;
            this.outstanding = outstanding;
            this.requests = AtomicBroadcastGrpc.newStub(ch).broadcast(this);
        }

        void send(String id, Envelope env) {
            if (broken) {
                fail(id, "broadcast stream closed");
                return;
            }
            pending.add(id);
            if (broken && pending.remove(id)) {
                fail(id, "broadcast stream closed"); // ended between the check and the add
                return;
            }
            requests.onNext(env);
        }

        void close() {
            if (!broken) {
                requests.onCompleted();
            }
        }

        private void fail(String id, String why) {
            if (id != null && sentAt.remove(id) != null) {
                outstanding.release();
                failed.increment();
                reasons.computeIfAbsent(why.replaceAll("\\d+", "N"), k -> new LongAdder()).increment();
            }
        }

        @Override
        public void onNext(BroadcastResponse r) {
            String id = pending.poll();
            if (r.getStatus() == Status.SUCCESS) {
                acked.increment();
            } else {
                fail(id, r.getStatus() + ": " + r.getInfo());
            }
        }

        @Override
        public void onError(Throwable t) {
            broken = true;
            for (String id; (id = pending.poll()) != null; ) {
                fail(id, "broadcast stream: " + t.getMessage());
            }
        }

        @Override
        public void onCompleted() {
            broken = true;
            for (String id; (id = pending.poll()) != null; ) {
                fail(id, "broadcast stream ended by the orderer before an answer");
            }
        }
    }

    /** The Deliver stream: every block's transaction ids end their latency and free their place in the window. */
    private static final class DeliverWatch implements io.grpc.stub.ClientResponseObserver<Envelope, DeliverResponse> {
        private volatile io.grpc.stub.ClientCallStreamObserver<Envelope> call;
        private final Map<String, Long> sentAt;
        private final LongAdder ok;
        private final NetworkBench.LatencyRecorder latencies;
        private final Semaphore outstanding;
        final LongAdder blocks = new LongAdder();
        /** Counted down by the first block (the newest when the seek was read): the stream is in place. */
        final java.util.concurrent.CountDownLatch firstBlock = new java.util.concurrent.CountDownLatch(1);
        volatile String error;

        DeliverWatch(Map<String, Long> sentAt, LongAdder ok, NetworkBench.LatencyRecorder latencies, Semaphore outstanding) {
            this.sentAt = sentAt;
            this.ok = ok;
            this.latencies = latencies;
            this.outstanding = outstanding;
        }

        @Override
        public void beforeStart(io.grpc.stub.ClientCallStreamObserver<Envelope> requestStream) {
            this.call = requestStream;
        }

        /** The seek has no end (block MAX), so the run ends the stream by cancelling it. */
        void cancel() {
            call.cancel("bench run over", null);
        }

        @Override
        public void onNext(DeliverResponse r) {
            if (r.hasStatus()) {
                if (r.getStatus() != Status.SUCCESS) {
                    error = r.getStatus().toString();
                }
                firstBlock.countDown();
                return;
            }
            long now = System.nanoTime();
            Block b = r.getBlock();
            if (firstBlock.getCount() > 0) {
                firstBlock.countDown();
                return; // the newest block when the seek was read: none of this run's transactions is in it
            }
            blocks.increment();
            for (ByteString d : b.getData().getDataList()) {
                String id = txId(d);
                Long t0 = sentAt.remove(id);
                if (t0 != null) {
                    ok.increment();
                    latencies.record(now - t0);
                    outstanding.release();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!(t instanceof io.grpc.StatusRuntimeException s && s.getStatus().getCode() == io.grpc.Status.Code.CANCELLED)) {
                error = String.valueOf(t.getMessage());
            }
            firstBlock.countDown();
        }

        @Override
        public void onCompleted() {
        }
    }
}
