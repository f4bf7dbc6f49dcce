package io.raftlens.raft.node;

import io.raftlens.raft.node.core.Answer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The clients waiting on a chain, by the token the {@link io.raftlens.raft.node.core.ChainCore} answers them with:
 * each broadcast's two answers ({@link Submission}) until the core accepts it ({@code Accept}) and answers it
 * ({@code Reply}). Chain thread only.
 */
final class ClientReplies {

    private final Map<Long, CompletableFuture<BroadcastResult>> committed = new HashMap<>();
    private final Map<Long, CompletableFuture<BroadcastResult>> accepted = new HashMap<>();
    private long nextToken;

    /** A token for an event the core answers without a client waiting here (forwarded, config). */
    long token() {
        return nextToken++;
    }

    /** The token {@code s}'s answers wait under. */
    long register(Submission s) {
        long token = nextToken++;
        if (s.committed() != null) {
            committed.put(token, s.committed());
        }
        accepted.put(token, s.accepted());
        return token;
    }

    /** The core's Accept: the block cutter took the transaction. */
    void accept(long token) {
        CompletableFuture<BroadcastResult> f = accepted.remove(token);
        if (f != null) {
            f.complete(BroadcastResult.accepted());
        }
    }

    /** The core's Reply: the final answer (also the acceptance's, when it was refused before the cutter took it). */
    void reply(long token, Answer answer) {
        BroadcastResult result = new BroadcastResult(answer.status(), answer.block(), answer.info(), answer.leader());
        CompletableFuture<BroadcastResult> f = committed.remove(token);
        if (f != null) {
            f.complete(result);
        }
        CompletableFuture<BroadcastResult> notYetAccepted = accepted.remove(token);
        if (notYetAccepted != null) {
            notYetAccepted.complete(result);
        }
    }

    /** Hands the answers waiting under {@code token} to someone else (the leader a follower forwards to). */
    Submission take(long token) {
        return new Submission(accepted.remove(token), committed.remove(token));
    }
}
