package io.raftlens.raft.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.GenesisBlock;
import io.raftlens.raft.wal.Wal;
import io.raftlens.raft.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * WAL append + fsync and ledger append throughput (docs/benchmarks.md, "WAL and ledger").
 * Every operation is durable (fdatasync) before it counts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class WalBenchmark {

    /** One WAL shared by all benchmark threads, with indexes handed out in submission order like one Raft loop. */
    @State(Scope.Benchmark)
    public static class WalState {
        /** Entries per save call (a Ready's entries). */
        @Param({"1", "100"})
        public int entriesPerSave;

        Path dir;
        Wal wal;
        long next = 1;
        final ByteString payload = ByteString.copyFrom(new byte[256]);

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("wal-bench");
            wal = Wal.create(dir.resolve("wal"), ByteString.copyFromUtf8("bench"), WalOptions.defaults("bench"));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            wal.close();
            deleteTree(dir);
        }

        CompletableFuture<Void> append() {
            List<Entry> entries = new ArrayList<>(entriesPerSave);
            synchronized (this) {
                for (int i = 0; i < entriesPerSave; i++) {
                    entries.add(Entry.newBuilder().setTerm(1).setIndex(next++).setData(payload).build());
                }
                HardState hs = HardState.newBuilder().setTerm(1).setVote(1).setCommit(next - 1).build();
                return wal.saveAsync(hs, entries, true);
            }
        }
    }

    /** Single writer: every save waits for its own fsync (no sharing possible). */
    @Benchmark
    @Threads(1)
    public void walSyncedSave1Thread(WalState s) {
        s.append().join();
    }

    /** Eight concurrent writers: saves queued during an fsync share the next one (group commit). */
    @Benchmark
    @Threads(8)
    public void walSyncedSave8Threads(WalState s) {
        s.append().join();
    }

    /** A ledger taking blocks of 500 transactions of 256 bytes (BatchSize.MaxMessageCount 500), fsync per block. */
    @State(Scope.Benchmark)
    public static class LedgerState {
        Path dir;
        FileLedger ledger;
        BlockFactory factory;
        List<Envelope> batch;
        long raftIndex = 1;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("ledger-bench");
            ledger = FileLedger.open(dir.resolve("ledger/bench"));
            Block genesis = GenesisBlock.create("bench", BatchSize.newBuilder().setMaxMessageCount(500)
                    .setAbsoluteMaxBytes(10 << 20).setPreferredMaxBytes(2 << 20).build(), Duration.ofSeconds(2),
                    ConfigMetadata.getDefaultInstance());
            ledger.append(genesis);
            factory = new BlockFactory(genesis.getHeader());
            batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[256])).build());
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            ledger.close();
            deleteTree(dir);
        }
    }

    @Benchmark
    @Threads(1)
    public void ledgerAppend500TxBlock(LedgerState s) {
        Block b = s.factory.createNextBlock(s.batch);
        s.ledger.append(Blocks.withOrdererMetadata(b, 0,
                BlockMetadata.newBuilder().setRaftIndex(++s.raftIndex).build()));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(WalBenchmark.class.getName()).build()).run();
    }
}
