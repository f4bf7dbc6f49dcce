package io.raftlens.raft.network;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.transport.Pem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/**
 * A client of a launched node's {@code orderer.AtomicBroadcast}, written as an SDK's orderer connection is: Fabric's
 * generated stubs over grpc-java with TLS trusting the network's CA. Every wait is bounded (30 s). The stream helpers
 * also drive the service in-process ({@code AtomicBroadcastServiceTest}).
 */
public final class OrdererGrpcClient {

    private OrdererGrpcClient() {
    }

    static ManagedChannel connect(LocalNetwork net, long node, Path caCert, String host) throws Exception {
        return NettyChannelBuilder.forAddress("127.0.0.1", net.clientPort(node)).overrideAuthority(host)
                .sslContext(GrpcSslContexts.forClient().trustManager(Pem.readCertificate(caCert)).build()).build();
    }

    /** One Broadcast stream: sends all, collects the answers (Fabric's handler answers each in order). */
    public static List<BroadcastResponse> broadcast(ManagedChannel ch, List<Envelope> envs) throws Exception {
        List<BroadcastResponse> got = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<Envelope> req = AtomicBroadcastGrpc.newStub(ch).broadcast(new StreamObserver<>() {
            @Override
            public void onNext(BroadcastResponse r) {
                synchronized (got) {
                    got.add(r);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        envs.forEach(req::onNext);
        req.onCompleted();
        done.get(30, TimeUnit.SECONDS);
        return got;
    }

    /** A signed DELIVER_SEEK_INFO envelope. */
    public static Envelope seek(SigningIdentity client, String channel, SeekPosition start, SeekPosition stop,
                         SeekInfo.SeekBehavior behavior) {
        SeekInfo info = SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(behavior).build();
        return Envelopes.signed(HeaderType.DELIVER_SEEK_INFO, channel, client, info);
    }

    public static SeekPosition at(long n) {
        return SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(n)).build();
    }

    /** One Deliver request: the blocks, then the status. */
    public static List<DeliverResponse> deliver(ManagedChannel ch, Envelope request) throws Exception {
        LinkedBlockingQueue<DeliverResponse> q = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> req = AtomicBroadcastGrpc.newStub(ch).deliver(new StreamObserver<>() {
            @Override
            public void onNext(DeliverResponse r) {
                q.add(r);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        req.onNext(request);
        List<DeliverResponse> out = new ArrayList<>();
        while (true) {
            DeliverResponse r = q.poll(30, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no deliver response within 30 s; so far " + out.size());
            }
            out.add(r);
            if (r.hasStatus()) {
                req.onCompleted();
                return out;
            }
        }
    }
}
