package io.raftlens.raft.node;

import java.util.concurrent.CompletableFuture;

/**
 * The two answers to one broadcast. {@code accepted}: SUCCESS once the leader's block cutter took the transaction
 * (Fabric's etcdraft {@code Submit} returns then, and its Broadcast answers SUCCESS), before the block is cut or
 * committed; {@code committed}: SUCCESS with the block number once that block is committed (RaftLens's control API
 * waits for this one). A transaction refused before it was taken completes both with the same error; one taken and
 * then lost (leadership lost before the cut, crash) was accepted, and only {@code committed} reports the loss, as a
 * Fabric client learns of it only by not seeing the transaction delivered.
 *
 * <p>{@code committed} is null when the caller asked only for the acceptance ({@link #acceptOnly()}, Fabric's
 * Broadcast): then the chain keeps no commit answer for it — a follower does not watch its blocks for the forwarded
 * envelope, the leader holds no future per transaction until its block is written.
 */
public record Submission(CompletableFuture<BroadcastResult> accepted, CompletableFuture<BroadcastResult> committed) {

    static Submission pending() {
        return new Submission(new CompletableFuture<>(), new CompletableFuture<>());
    }

    /** Only the acceptance is answered ({@code committed} null). */
    static Submission acceptOnly() {
        return new Submission(new CompletableFuture<>(), null);
    }

    /** Completes both answers with {@code refusal} (never accepted). */
    Submission refuse(BroadcastResult refusal) {
        accepted.complete(refusal);
        if (committed != null) {
            committed.complete(refusal);
        }
        return this;
    }
}
