package io.raftlens.raft.wal;

import static io.raftlens.raft.wal.WalTestSupport.ID;
import static io.raftlens.raft.wal.WalTestSupport.entry;
import static io.raftlens.raft.wal.WalTestSupport.hs;
import static io.raftlens.raft.wal.WalTestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.pb.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalGroupCommitTest {
    @TempDir
    Path tmp;

    @Test
    void requestsQueuedDuringAnFsyncShareTheNextOne() throws Exception {
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        Path dir = tmp.resolve("wal");
        try (Wal wal = Wal.create(dir, ID, options().withOpener(faults.opener()))) {
            CountDownLatch gate = new CountDownLatch(1);
            faults.forces.set(0);
            faults.forceGate = gate;
            CompletableFuture<Void> first = wal.saveAsync(hs(1, 1, 0), List.of(entry(1, 1)), true);
            assertTrue(faults.forceEntered.await(10, TimeUnit.SECONDS), "the writer is syncing the first request");
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (long i = 2; i <= 101; i++) {
                rest.add(wal.saveAsync(hs(1, 1, i - 1), List.of(entry(i, 1)), true));
            }
            // saveAsync returned at once although the disk is "stalled": the Raft loop is not blocked
            assertFalse(first.isDone());
            faults.forceGate = null;
            gate.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<Void> f : rest) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(2, faults.forces.get(), "100 requests queued behind one fsync share a single fsync");
        }
        try (Wal wal = Wal.open(dir, options())) {
            assertEquals(101, wal.contents().entries().size());
            assertEquals(hs(1, 1, 100), wal.contents().hardState());
        }
    }

    @Test
    void concurrentWritersAreAllDurableAndInSubmissionOrder() throws Exception {
        Path dir = tmp.resolve("wal");
        Object order = new Object();
        long[] next = {1};
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Wal wal = Wal.create(dir, ID, options().withSegmentBytes(64 * 1024))) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int k = 0; k < perThread; k++) {
                        CompletableFuture<Void> f;
                        synchronized (order) { // indexes are assigned in submission order, as one Raft loop would
                            long i = next[0]++;
                            f = wal.saveAsync(hs(1, 1, i), List.of(entry(i, 1)), true);
                        }
                        f.join(); // wait for durability outside the lock, concurrently with the others
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Wal wal = Wal.open(dir, options())) {
            List<Entry> got = wal.contents().entries();
            assertEquals(threads * perThread, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i + 1, got.get(i).getIndex());
            }
            assertTrue(wal.contents().hardState().getCommit() == threads * perThread);
        }
    }
}
