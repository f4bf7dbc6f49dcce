package io.raftlens.raft.fabric.ab;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status.Code;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission;
import io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.metrics.OrdererMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's AtomicBroadcast service. Broadcast: each envelope of a stream is admitted (Fabric's checks and
 * statuses) and ordered; responses go back in request order and the stream ends after the first non-SUCCESS
 * response, as Fabric's handler returns. Deliver: one SeekInfo request at a time per stream, each answered with
 * its blocks and then a status.
 */
public final class AtomicBroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
    private static final Logger BROADCAST_LOG = LoggerFactory.getLogger("orderer.common.broadcast");
    private static final Logger DELIVER_LOG = LoggerFactory.getLogger("common.deliver");
    /** Fabric's General.Authentication.TimeWindow default. */
    public static final Duration DEFAULT_TIME_WINDOW = Duration.ofMinutes(15);

    private final Function<String, Optional<OrdererChannel>> channels;
    private final BroadcastAdmission admission;
    private final Clock clock;
    private final Duration timeWindow;
    private final boolean expirationChecks;
    /** Fabric's broadcast_* and deliver_* metrics of the node that serves this (its operations endpoint shows them). */
    private final OrdererMetrics metrics;
    private final java.util.Map<ServerCallStreamObserver<DeliverResponse>, Object> readiness =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final ExecutorService deliverThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raftlens-deliver");
        t.setDaemon(true);
        return t;
    });

    public AtomicBroadcastService(Function<String, Optional<OrdererChannel>> channels, Clock clock, Duration timeWindow,
                                  boolean noExpirationChecks) {
        this(channels, clock, timeWindow, noExpirationChecks, new ConfigUpdateProcessor(Optional.empty()));
    }

    /** @param configUpdates Fabric's config path (ProcessConfigUpdateMsg with the orderer's signer) */
    public AtomicBroadcastService(Function<String, Optional<OrdererChannel>> channels, Clock clock, Duration timeWindow,
                                  boolean noExpirationChecks, BroadcastAdmission.ConfigUpdates configUpdates) {
        this(channels, clock, timeWindow, noExpirationChecks, configUpdates, new OrdererMetrics());
    }

    /** @param metrics the node's metrics, which count this service's streams, requests and blocks as Fabric's */
    public AtomicBroadcastService(Function<String, Optional<OrdererChannel>> channels, Clock clock, Duration timeWindow,
                                  boolean noExpirationChecks, BroadcastAdmission.ConfigUpdates configUpdates,
                                  OrdererMetrics metrics) {
        this.metrics = metrics;
        this.channels = channels;
        this.clock = clock;
        this.timeWindow = timeWindow;
        this.expirationChecks = !noExpirationChecks;
        this.admission = new BroadcastAdmission(id -> channels.apply(id).map(OrdererChannel::processor), configUpdates);
    }

    public void shutdown() {
        deliverThreads.shutdownNow();
    }

    /** The checking half on its own (what the control API and tests use). */
    public BroadcastAdmission admission() {
        return admission;
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
        return new BroadcastStream(responses);
    }

    /** One Broadcast stream: requests handled as they come, answers released strictly in request order. */
    private final class BroadcastStream implements StreamObserver<Envelope> {
        private final StreamObserver<BroadcastResponse> out;
        private final ArrayDeque<CompletableFuture<BroadcastResponse>> pending = new ArrayDeque<>();
        private boolean closed;
        private boolean clientDone;

        BroadcastStream(StreamObserver<BroadcastResponse> out) {
            this.out = out;
        }

        @Override
        public void onNext(Envelope env) {
            CompletableFuture<BroadcastResponse> answer = process(env);
            synchronized (this) {
                if (closed) {
                    return;
                }
                pending.add(answer);
            }
            answer.whenComplete((r, e) -> drain());
        }

        private void drain() {
            synchronized (this) {
                while (!closed && !pending.isEmpty() && pending.peek().isDone()) {
                    BroadcastResponse r = pending.poll().join();
                    out.onNext(r);
                    if (r.getStatus() != Status.SUCCESS) {
                        closed = true;
                        pending.clear();
                        out.onCompleted();
                        return;
                    }
                }
                if (!closed && clientDone && pending.isEmpty()) {
                    closed = true;
                    out.onCompleted();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) {
                closed = true;
                pending.clear();
            }
        }

        @Override
        public void onCompleted() {
            synchronized (this) {
                clientDone = true;
            }
            drain();
        }
    }

    /**
     * Fabric's ProcessMessage: admission, then the consenter (its refusals are SERVICE_UNAVAILABLE). Recorded as
     * Fabric's MetricsTracker does: validation and enqueue durations and a processed count, labelled with the
     * channel, the header type and the final status ("unknown" where the header could not be read).
     */
    CompletableFuture<BroadcastResponse> process(Envelope env) {
        long start = System.nanoTime();
        BroadcastAdmission.Admitted admitted;
        try {
            admitted = admission.admit(env);
        } catch (RejectedMessage e) {
            BROADCAST_LOG.warn("Rejecting broadcast of message because of error: {}", e.info());
            BroadcastResponse r = response(e.status(), e.info());
            record(headerOf(env), r, start, System.nanoTime(), 0);
            return CompletableFuture.completedFuture(r);
        }
        long validated = System.nanoTime();
        ChannelHeader chdr = admitted.header();
        OrdererChannel channel = channels.apply(chdr.getChannelId()).orElse(null);
        if (channel == null) {
            BroadcastResponse r = response(Status.BAD_REQUEST, "channel does not exist");
            // Fabric's BroadcastChannelSupport returns no header for a channel it does not have: "unknown" labels
            record(null, r, start, validated, 0);
            return CompletableFuture.completedFuture(r);
        }
        CompletableFuture<OrdererChannel.Ordered> ordered = admitted.config()
                ? channel.configure(admitted.envelope(), admitted.configSequence())
                : channel.order(admitted.envelope(), admitted.configSequence());
        return ordered.handle((o, e) -> {
            BroadcastResponse r;
            if (e != null) {
                r = response(Status.SERVICE_UNAVAILABLE, String.valueOf(e.getMessage()));
            } else {
                r = o.status() == Status.SUCCESS ? response(Status.SUCCESS, "") : response(o.status(), o.info());
            }
            record(chdr, r, start, validated, System.nanoTime());
            return r;
        });
    }

    private void record(ChannelHeader chdr, BroadcastResponse r, long start, long validated, long enqueued) {
        String channel = chdr == null ? "unknown" : chdr.getChannelId();
        String type = chdr == null ? "unknown" : headerTypeName(chdr.getType());
        String status = r.getStatus().name();
        metrics.broadcast().validated(channel, type, status, validated - start);
        if (enqueued != 0) {
            metrics.broadcast().enqueued(channel, type, status, enqueued - validated);
        }
        metrics.broadcast().processed(channel, type, status);
    }

    /** Go's String() of a cb.HeaderType: the name, or the number for a value Fabric does not define. */
    static String headerTypeName(int type) {
        org.hyperledger.fabric.protos.common.HeaderType t = org.hyperledger.fabric.protos.common.HeaderType.forNumber(type);
        return t == null ? Integer.toString(type) : t.name();
    }

    /** The channel header of a refused envelope, for the metrics' labels; null when it cannot be read. */
    private static ChannelHeader headerOf(Envelope env) {
        try {
            Payload payload = Payload.parseFrom(env.getPayload());
            return payload.hasHeader() ? ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()) : null;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    private static BroadcastResponse response(Status status, String info) {
        return BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build();
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        ServerCallStreamObserver<DeliverResponse> call = (ServerCallStreamObserver<DeliverResponse>) responses;
        Object ready = new Object();
        call.setOnReadyHandler(() -> {
            synchronized (ready) {
                ready.notifyAll();
            }
        });
        readiness.put(call, ready);
        metrics.deliver().streamOpened();
        java.util.concurrent.atomic.AtomicBoolean closedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable streamClosed = () -> {
            if (closedOnce.compareAndSet(false, true)) {
                metrics.deliver().streamClosed();
            }
        };
        return new StreamObserver<>() {
            // one request at a time per stream, in order, as Fabric's Handle loop reads them
            private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

            @Override
            public synchronized void onNext(Envelope env) {
                last = last.thenRunAsync(() -> {
                    if (call.isCancelled()) {
                        return;
                    }
                    Status s;
                    try {
                        s = deliverBlocks(call, env);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        DELIVER_LOG.warn("deliver failed: {}", e.toString());
                        s = Status.INTERNAL_SERVER_ERROR;
                    }
                    if (!call.isCancelled()) {
                        synchronized (call) {
                            call.onNext(DeliverResponse.newBuilder().setStatus(s).build());
                        }
                    }
                }, deliverThreads);
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; the running request notices through isCancelled
                streamClosed.run();
            }

            @Override
            public synchronized void onCompleted() {
                last.whenComplete((v, e) -> {
                    streamClosed.run();
                    if (!call.isCancelled()) {
                        try {
                            call.onCompleted();
                        } catch (IllegalStateException alreadyClosed) {
                            // cancelled meanwhile
                        }
                    }
                });
            }
        };
    }

    /** Fabric's deliverBlocks: the blocks of one SeekInfo request, returning the status that ends it. */
    Status deliverBlocks(ServerCallStreamObserver<DeliverResponse> call, Envelope env) throws InterruptedException {
        Payload payload;
        ChannelHeader chdr;
        SignatureHeader shdr;
        try {
            payload = Payload.parseFrom(env.getPayload());
            if (!payload.hasHeader()) {
                DELIVER_LOG.warn("error parsing envelope: envelope must have a Header");
                return Status.BAD_REQUEST;
            }
            chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            shdr = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            DELIVER_LOG.warn("error parsing envelope: {}", e.getMessage());
            return Status.BAD_REQUEST;
        }
        Instant ts = Instant.ofEpochSecond(chdr.getTimestamp().getSeconds(), chdr.getTimestamp().getNanos());
        Instant now = clock.instant();
        if (Duration.between(ts, now).abs().compareTo(timeWindow) > 0) {
            DELIVER_LOG.warn("error parsing envelope: envelope timestamp {} is more than {} apart from current server time {}",
                    ts, timeWindow, now);
            return Status.BAD_REQUEST;
        }
        OrdererChannel channel = channels.apply(chdr.getChannelId()).orElse(null);
        if (channel == null) {
            return Status.NOT_FOUND;
        }
        // as Fabric's deliverBlocks: counted once the channel is known, completed with the status that ends it
        metrics.deliver().requestReceived(chdr.getChannelId(), false, "block");
        Status status = Status.INTERNAL_SERVER_ERROR;
        try {
            status = serve(call, env, payload, chdr, shdr, channel);
            return status;
        } finally {
            metrics.deliver().requestCompleted(chdr.getChannelId(), false, "block", status == Status.SUCCESS);
        }
    }

    private Status serve(ServerCallStreamObserver<DeliverResponse> call, Envelope env, Payload payload, ChannelHeader chdr,
                         SignatureHeader shdr, OrdererChannel channel) throws InterruptedException {
        SeekInfo seek;
        try {
            seek = SeekInfo.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            DELIVER_LOG.warn("[channel: {}] Received a signed deliver request with malformed seekInfo payload: {}",
                    chdr.getChannelId(), e.getMessage());
            return Status.BAD_REQUEST;
        }
        if (seek.getErrorResponse() != SeekInfo.SeekErrorResponse.BEST_EFFORT && channel.errored()) {
            return Status.SERVICE_UNAVAILABLE;
        }
        DeliverSession session = new DeliverSession(channel, env, shdr);
        String denied = session.accessDenied();
        if (denied != null) {
            DELIVER_LOG.warn("[channel: {}] Client is not authorized: {}", chdr.getChannelId(), denied);
            return Status.FORBIDDEN;
        }
        if (!seek.hasStart() || !seek.hasStop()) {
            return Status.BAD_REQUEST;
        }
        long number = switch (seek.getStart().getTypeCase()) {
            case OLDEST -> 0;
            case NEWEST -> channel.height() - 1;
            case SPECIFIED -> seek.getStart().getSpecified().getNumber();
            case NEXT_COMMIT -> channel.height();
            default -> -1;
        };
        if (number < 0) {
            return Status.BAD_REQUEST;
        }
        long stop;
        SeekPosition stopPos = seek.getStop();
        switch (stopPos.getTypeCase()) {
            case OLDEST -> stop = number;
            case NEWEST -> stop = seek.getStart().equals(stopPos) ? number : channel.height() - 1;
            case SPECIFIED -> {
                stop = stopPos.getSpecified().getNumber();
                if (stop < number) {
                    DELIVER_LOG.warn("[channel: {}] Received invalid seekInfo message: start number {} greater than stop number {}",
                            chdr.getChannelId(), number, stop);
                    return Status.BAD_REQUEST;
                }
            }
            default -> stop = Long.MAX_VALUE; // NextCommit as a stop: Fabric's switch leaves 0 and streams on
        }
        BlockArrivals arrivals = channel.arrivals();
        while (true) {
            if (seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY && number > channel.height() - 1) {
                DELIVER_LOG.warn("[channel: {}] Block {} not found, block number greater than chain length bounds",
                        chdr.getChannelId(), number);
                return Status.NOT_FOUND;
            }
            Block block = null;
            while (block == null) {
                long seen = arrivals.generation();
                Optional<Block> b = number < channel.height() ? channel.block(number) : Optional.empty();
                if (b.isPresent()) {
                    block = b.get();
                    break;
                }
                if (call.isCancelled()) {
                    return Status.INTERNAL_SERVER_ERROR;
                }
                if (seek.getErrorResponse() != SeekInfo.SeekErrorResponse.BEST_EFFORT && channel.errored()) {
                    return Status.SERVICE_UNAVAILABLE;
                }
                arrivals.await(seen, 200);
            }
            number++;
            denied = session.accessDenied();
            if (denied != null) {
                DELIVER_LOG.warn("[channel: {}] Client authorization revoked for deliver request: {}", chdr.getChannelId(), denied);
                return Status.FORBIDDEN;
            }
            Block toSend = block;
            if (seek.getContentType() == SeekInfo.SeekContentType.HEADER_WITH_SIG && !isConfigBlock(block)) {
                toSend = Block.newBuilder().setHeader(block.getHeader()).setMetadata(block.getMetadata()).build();
            }
            if (!awaitReady(call)) {
                return Status.INTERNAL_SERVER_ERROR;
            }
            synchronized (call) {
                call.onNext(DeliverResponse.newBuilder().setBlock(toSend).build());
            }
            metrics.deliver().blockSent(chdr.getChannelId(), false, "block");
            if (stop == block.getHeader().getNumber()) {
                return Status.SUCCESS;
            }
        }
    }

    /**
     * Waits until gRPC can take another message without buffering it (the client reads slower than the ledger is
     * read), so a long replay never piles up in memory; false when the client has gone.
     */
    private boolean awaitReady(ServerCallStreamObserver<DeliverResponse> call) throws InterruptedException {
        Object ready = readiness.get(call);
        while (!call.isCancelled() && !call.isReady()) {
            if (ready == null) {
                Thread.sleep(5);
                continue;
            }
            synchronized (ready) {
                if (!call.isReady() && !call.isCancelled()) {
                    ready.wait(100);
                }
            }
        }
        return !call.isCancelled();
    }

    /**
     * Fabric's SessionAccessControl for one Deliver request: the identity's expiration (read once, as NewSessionAC
     * does) on every evaluation; /Channel/Readers over the request's signature on the first evaluation and again only
     * when the channel's config sequence has grown since — not once per block.
     */
    private final class DeliverSession {
        private final OrdererChannel channel;
        private final Envelope env;
        private final Instant notAfter;
        private long lastConfigSequence;
        private boolean usedAtLeastOnce;

        DeliverSession(OrdererChannel channel, Envelope env, SignatureHeader shdr) {
            this.channel = channel;
            this.env = env;
            this.notAfter = expirationChecks ? expiresAt(shdr) : null;
        }

        /** Null when allowed, else why not. */
        String accessDenied() {
            if (notAfter != null && !clock.instant().isBefore(notAfter)) {
                return "deliver client identity expired " + Duration.between(notAfter, clock.instant()) + " before";
            }
            ChannelConfig config = channel.processor().config();
            boolean policyCheckNeeded = !usedAtLeastOnce;
            if (config.sequence() > lastConfigSequence) {
                lastConfigSequence = config.sequence();
                policyCheckNeeded = true;
            }
            if (!policyCheckNeeded) {
                return null;
            }
            usedAtLeastOnce = true;
            try {
                config.policyManager().policyOrReject(PolicyManager.CHANNEL_READERS).evaluateSignedData(Envelopes.asSignedData(env));
                return null;
            } catch (PolicyException e) {
                return e.getMessage();
            } catch (RejectedMessage e) {
                return e.info();
            }
        }
    }

    /** Fabric's crypto.ExpiresAt: the creator certificate's NotAfter, or null when it cannot be read. */
    private static Instant expiresAt(SignatureHeader shdr) {
        try {
            var sid = org.hyperledger.fabric.protos.msp.SerializedIdentity.parseFrom(shdr.getCreator());
            return io.raftlens.raft.fabric.msp.Certificates.fromPem(sid.getIdBytes().toByteArray()).getNotAfter().toInstant();
        } catch (Exception e) {
            return null; // Fabric makes no decision about an identity whose expiration it cannot read
        }
    }

    private static boolean isConfigBlock(Block block) {
        if (block.getData().getDataCount() != 1) {
            return false;
        }
        try {
            Envelope e = Envelope.parseFrom(block.getData().getData(0));
            return ChannelHeader.parseFrom(Payload.parseFrom(e.getPayload()).getHeader().getChannelHeader()).getType()
                    == org.hyperledger.fabric.protos.common.HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    @SuppressWarnings("unused")
    private static boolean cancelled(Code code) {
        return code == Code.CANCELLED;
    }
}
