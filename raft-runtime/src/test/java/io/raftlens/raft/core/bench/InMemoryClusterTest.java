package io.raftlens.raft.core.bench;

import io.raftlens.raft.core.RawNode;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark's driver really replicates and applies every batch on all five nodes (not timed). */
class InMemoryClusterTest {

    @Test
    void everyBatchIsAppliedOnEveryNode() {
        InMemoryCluster cluster = new InMemoryCluster(RaftThroughput.NODES, 1 << 20, 256);
        RawNode leader = cluster.electFirst();
        long start = cluster.applied(0);
        var batch = RaftThroughput.payloads(new SplittableRandom(1));
        for (int round = 1; round <= 130; round++) {
            RaftThroughput.commitOneBatch(cluster, leader, batch, round);
        }
        for (int i = 0; i < cluster.size(); i++) {
            assertEquals(start + 130L * RaftThroughput.BATCH, cluster.applied(i), "applied index of node " + (i + 1));
        }
    }
}
