package io.raftlens.raft.node;

import io.raftlens.raft.core.RaftLogger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fsyncs a chain's ledger in the background, coalescing requests: the chain thread appends committed blocks and
 * goes on cutting and proposing while the disk syncs. Durability does not depend on it — every applied block is
 * in the Raft WAL, which keeps its entries until a snapshot, and the chain syncs the ledger itself before taking
 * one — so a crash only costs re-applying the unsynced blocks from the WAL on restart.
 */
final class LedgerSyncer {
    private final ChainLedger ledger;
    private final RaftLogger log;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean failed;

    LedgerSyncer(ChainLedger ledger, RaftLogger log, String name) {
        this.ledger = ledger;
        this.log = log;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Syncs soon; one sync covers every block appended before it starts. */
    void requestSync() {
        if (failed || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::sync);
        } catch (RejectedExecutionException e) {
            queued.set(false); // stopping
        }
    }

    private void sync() {
        queued.set(false);
        try {
            ledger.sync();
        } catch (RuntimeException e) {
            // The ledger refuses further appends after a failed sync; the chain reports that on its next apply.
            failed = true;
            log.error("Failed to sync the ledger: " + e.getMessage());
        }
    }

    /** Graceful: waits for a sync in progress. Crash: abandons it. */
    void stop(boolean graceful) {
        if (graceful) {
            thread.shutdown();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            thread.shutdownNow();
        }
    }
}
