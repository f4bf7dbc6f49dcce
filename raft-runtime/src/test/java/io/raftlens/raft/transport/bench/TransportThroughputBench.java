package io.raftlens.raft.transport.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.transport.DevCa;
import io.raftlens.raft.transport.DropReason;
import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.transport.TlsMaterial;
import io.raftlens.raft.transport.Transport;
import io.raftlens.raft.transport.TransportConfig;
import io.raftlens.raft.transport.TransportObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Transport throughput: node 1 sends MsgApp messages carrying one 256-byte entry to node 2 over mutual TLS on
 * loopback; a window of in-flight messages (like Raft's MaxInflightMsgs) keeps the egress queue from overflowing, so
 * the figure is delivered messages per second with zero drops. Prints each round and the median of the measured
 * rounds.
 *
 * <pre>
 *   ./mvnw -B -o -q -pl raft-runtime -am install -DskipTests
 *   ./mvnw -B -o -q -pl raft-runtime test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 *   java -cp raft-runtime/target/test-classes:raft-runtime/target/classes:$(cat raft-runtime/target/test.classpath) \
 *       io.raftlens.raft.transport.bench.TransportThroughputBench [MESSAGES [ROUNDS [WINDOW]]]
 * </pre>
 */
public final class TransportThroughputBench {
    private static final String CHANNEL = "mychannel";

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 2_048;
        int warmup = 2;

        Path dir = Files.createTempDirectory("raftlens-transport-bench");
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        TlsMaterial tls1 = ca.nodeMaterial("orderer1.example.com");
        TlsMaterial tls2 = ca.nodeMaterial("orderer2.example.com");
        Semaphore inFlight = new Semaphore(window);
        LongAdder drops = new LongAdder();
        TransportObserver countDrops = new TransportObserver() {
            @Override
            public void messageDropped(String host, String channel, DropReason reason) {
                drops.increment();
            }
        };
        try (Transport sender = Transport.start(TransportConfig.builder(1, tls1).sendBufferSize(window * 2)
                        .observer(countDrops).build(), (c, f, m) -> { });
             Transport receiver = Transport.start(TransportConfig.builder(2, tls2).build(),
                     (c, f, m) -> inFlight.release())) {
            var consenters = Map.of(1L, tls1.certificate(), 2L, tls2.certificate());
            sender.setChannelMembers(CHANNEL, consenters);
            receiver.setChannelMembers(CHANNEL, consenters);
            sender.addPeer(new PeerEndpoint(2, "orderer2.example.com", receiver.localAddress().getPort(),
                    "127.0.0.1", null));
            if (!sender.awaitConnected(2, Duration.ofSeconds(10))) {
                throw new IllegalStateException("node 1 could not connect to node 2");
            }
            Message template = Message.newBuilder().setType(MessageType.MsgApp).setFrom(1).setTo(2).setTerm(2)
                    .setLogTerm(2).setCommit(1)
                    .addEntries(Entry.newBuilder().setTerm(2).setData(ByteString.copyFrom(new byte[256])))
                    .build();
            List<Double> measured = new ArrayList<>();
            for (int round = 0; round < warmup + rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("messages stopped arriving; drops so far " + drops.sum());
                    }
                    Message m = template.toBuilder().setIndex(i).setEntries(0,
                            template.getEntries(0).toBuilder().setIndex(i + 1)).build();
                    if (!sender.send(CHANNEL, 2, m)) {
                        inFlight.release();
                    }
                }
                if (!inFlight.tryAcquire(window, 30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("round did not drain");
                }
                inFlight.release(window);
                double perSecond = messages / ((System.nanoTime() - start) / 1e9);
                boolean isWarmup = round < warmup;
                System.out.printf("round %d%s: %,.0f msgs/s%n", round + 1, isWarmup ? " (warm-up)" : "", perSecond);
                if (!isWarmup) {
                    measured.add(perSecond);
                }
            }
            Collections.sort(measured);
            double median = measured.get(measured.size() / 2);
            System.out.printf("median of %d rounds: %,.0f msgs/s (%.1f MB/s of entry data), drops: %d, "
                    + "cores: %d, java %s%n", rounds, median, median * 256 / 1e6, drops.sum(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
