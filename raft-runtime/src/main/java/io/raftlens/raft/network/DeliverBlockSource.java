package io.raftlens.raft.network;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.node.BlockSource;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks pulled from other orderers' {@code orderer.AtomicBroadcast/Deliver} with this orderer's own signing
 * identity, as Fabric's follower chain and onboarding pull them (its BlockPuller, authorised by the channel's Readers
 * policy): what a {@code raftlens node} process that is not a consenter of a channel follows it with. One request
 * per block (FAIL_IF_NOT_READY), each orderer in turn until one has it.
 */
final class DeliverBlockSource implements BlockSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.cluster.puller");

    /** An orderer's client endpoint: dialed at {@code dialHost:port}, its TLS certificate naming {@code host}. */
    record Endpoint(String host, String dialHost, int port) {
        String address() {
            return host + ":" + port;
        }
    }

    private final List<Endpoint> endpoints;
    private final List<X509Certificate> trustRoots;
    private final SigningIdentity signer;
    private final Duration timeout;
    private final Map<Endpoint, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    DeliverBlockSource(List<Endpoint> endpoints, List<X509Certificate> trustRoots, SigningIdentity signer, Duration timeout) {
        this.endpoints = List.copyOf(endpoints);
        this.trustRoots = List.copyOf(trustRoots);
        this.signer = signer;
        this.timeout = timeout;
    }

    @Override
    public Optional<Block> block(String channel, long number) {
        for (Endpoint e : endpoints) {
            if (closed) {
                return Optional.empty();
            }
            try {
                Optional<Block> b = pull(e, channel, number);
                if (b.isPresent()) {
                    return b;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception ex) {
                LOG.debug("Failed pulling block [{}] of channel {} from {}: {}", number, channel, e.address(), ex.toString());
            }
        }
        return Optional.empty();
    }

    private Optional<Block> pull(Endpoint e, String channel, long number) throws Exception {
        SeekPosition at = SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)).build();
        Envelope seek = Envelopes.signed(HeaderType.DELIVER_SEEK_INFO, channel, signer, SeekInfo.newBuilder()
                .setStart(at).setStop(at).setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build());
        CompletableFuture<Optional<Block>> result = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel(e)).withDeadlineAfter(timeout.toMillis(),
                TimeUnit.MILLISECONDS).deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse r) {
                        if (r.hasBlock()) {
                            result.complete(Optional.of(r.getBlock()));
                        } else {
                            result.complete(Optional.empty()); // a status: NOT_FOUND (not there yet), FORBIDDEN …
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        result.complete(Optional.empty());
                    }
                });
        requests.onNext(seek);
        requests.onCompleted();
        return result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private ManagedChannel channel(Endpoint e) {
        return channels.computeIfAbsent(e, x -> {
            try {
                return NettyChannelBuilder.forAddress(x.dialHost(), x.port()).overrideAuthority(x.host())
                        .sslContext(GrpcSslContexts.forClient().trustManager(trustRoots.toArray(new X509Certificate[0])).build())
                        .maxInboundMessageSize(100 * 1024 * 1024).build();
            } catch (javax.net.ssl.SSLException ex) {
                throw new IllegalStateException("cannot set up TLS to orderer " + x.address() + ": " + ex.getMessage(), ex);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
