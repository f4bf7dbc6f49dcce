package io.raftlens.raft.core.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.RawNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Committed entries per second of the Raft core: 5 in-memory nodes driven in one thread, 256-byte entries
 * proposed in batches of {@value #BATCH} (one MsgProp), each batch replicated to every follower, committed and
 * applied on all 5 nodes before the next one (one "operation" = one committed entry). Target ≥ 1,000,000/s.
 *
 * <p>Run: see docs/benchmarks.md ("Raft core"), or {@code java -cp … io.raftlens.raft.core.bench.RaftThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RaftThroughput {

    static final int NODES = 5;
    static final int ENTRY_BYTES = 256;
    static final int BATCH = 1024;

    private InMemoryCluster cluster;
    private RawNode leader;
    private List<ByteString> batch;
    private long rounds;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new InMemoryCluster(NODES, 1 << 20, 256);
        leader = cluster.electFirst();
        batch = payloads(new SplittableRandom(42));
    }

    static List<ByteString> payloads(SplittableRandom random) {
        List<ByteString> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            byte[] data = new byte[ENTRY_BYTES];
            random.nextBytes(data);
            batch.add(ByteString.copyFrom(data));
        }
        return batch;
    }

    /** Proposes one batch and runs the cluster until every node has applied it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long commitBatch() {
        return commitOneBatch(cluster, leader, batch, ++rounds);
    }

    static long commitOneBatch(InMemoryCluster cluster, RawNode leader, List<ByteString> batch, long round) {
        long before = cluster.applied(0);
        leader.proposeAll(batch);
        cluster.stabilize();
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.applied(i) < before + batch.size()) {
                throw new IllegalStateException("node " + (i + 1) + " applied only up to " + cluster.applied(i)
                        + " after a batch proposed at " + before);
            }
        }
        if (round % 64 == 0) {
            cluster.compact();
        }
        return cluster.applied(0);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {RaftThroughput.class.getSimpleName()} : args);
    }
}
