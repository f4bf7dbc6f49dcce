package io.raftlens.raft.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.raftlens.raft.core.pb.Message;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport under test with its received messages, on 127.0.0.1 with an ephemeral port. */
final class TestNode implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Received(String channel, long from, Message message) {}

    /** A transaction a peer forwarded (Fabric's SubmitRequest). */
    record Submitted(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {}

    final long id;
    final String host;
    final TlsMaterial tls;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Submitted> submitted = new LinkedBlockingQueue<>();
    final Transport transport;

    TestNode(long id, TlsMaterial tls, TransportConfig.Builder config) {
        this.id = id;
        this.host = "orderer" + id + ".example.com";
        this.tls = tls;
        this.transport = Transport.start(config.build(), new InboundHandler() {
            @Override
            public void onMessage(String channel, long from, Message message) {
                received.add(new Received(channel, from, message));
            }

            @Override
            public void onSubmit(String channel, long from, org.hyperledger.fabric.protos.orderer.SubmitRequest request) {
                submitted.add(new Submitted(channel, from, request));
            }
        });
    }

    static TransportConfig.Builder config(long id, TlsMaterial tls) {
        return TransportConfig.builder(id, tls)
                .backoff(new Backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), 0.2, () -> 0.5));
    }

    PeerEndpoint endpoint() {
        return new PeerEndpoint(id, host, transport.localAddress().getPort(), "127.0.0.1", null);
    }

    int port() {
        return transport.localAddress().getPort();
    }

    Received next() throws InterruptedException {
        Received r = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "node " + id + " received nothing within " + TIMEOUT);
        return r;
    }

    static Message heartbeat(long from, long to, long term) {
        return Message.newBuilder().setType(io.raftlens.raft.core.pb.MessageType.MsgHeartbeat)
                .setFrom(from).setTo(to).setTerm(term).build();
    }

    @Override
    public void close() {
        transport.close();
    }
}
