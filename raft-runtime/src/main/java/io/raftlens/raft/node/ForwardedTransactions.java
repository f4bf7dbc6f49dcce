package io.raftlens.raft.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.orderer.Blocks;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.SubmitRequest;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A follower's side of forwarding (the I/O of the core's {@link io.raftlens.raft.node.core.ChainAction.Forward}):
 * sends the SubmitRequest to the leader over the cluster transport and answers the client as Fabric's
 * {@code forwardToLeader} does — SUCCESS once the request is on the stream, else SERVICE_UNAVAILABLE with the
 * reason, or Fabric's {@code timed out (7s) waiting on forwarding to N} after {@code General.Cluster.RPCTimeout}.
 *
 * <p>The leader sends nothing back (as in Fabric). For RaftLens's control API, which waits for the commit, the
 * follower watches the blocks it writes itself and completes the commit answer when the forwarded transaction
 * appears in one (a config update: when a config block carries its CONFIG_UPDATE, which survives the leader's
 * revalidation); a transaction not seen within {@link #COMMIT_WAIT} is answered SERVICE_UNAVAILABLE (the leader
 * dropped it, or it was lost with a leadership change: its log says which).
 *
 * <p>Thread-safety: {@link #forward} and {@link #blockWritten} run on the chain thread; the completions of sends and
 * the expiry sweep hop back onto it through {@code chainThread}.
 */
final class ForwardedTransactions {
    /** How long a forwarded transaction's commit answer waits for its block on this node. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    /** Sends a SubmitRequest to the consenter with a Raft id (the node maps it to the node id on the wire). */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<Void> send(String channel, long leader, SubmitRequest request);
    }

    private record Waiter(CompletableFuture<BroadcastResult> committed, long leader, long deadlineNanos) {
    }

    private final String channel;
    private final Sender sender;
    private final Duration rpcTimeout;
    private final Duration commitWait;
    private final ScheduledExecutorService timers;
    private final Consumer<Runnable> chainThread;
    /** Commit answers by the forwarded envelope's bytes (normal transactions), in forwarding order. */
    private final Map<ByteString, Waiter> normal = new LinkedHashMap<>();
    /** Commit answers by the forwarded config update's bytes (CONFIG envelopes; the leader may remake the CONFIG). */
    private final Map<ByteString, Waiter> configs = new LinkedHashMap<>();
    private ScheduledFuture<?> sweep;
    /**
     * Sends not yet known to be written, oldest first; one sweep checks their RPCTimeout. A timer per forwarded
     * transaction ({@code orTimeout}) cost a scheduling, a cancellation and often a wake-up of the timer thread each.
     */
    private final java.util.ArrayDeque<PendingSend> unsent = new java.util.ArrayDeque<>();
    private ScheduledFuture<?> sendSweep;

    private record PendingSend(CompletableFuture<Void> sent, long deadlineNanos) {
    }

    ForwardedTransactions(String channel, Sender sender, Duration rpcTimeout, ScheduledExecutorService timers,
                          Consumer<Runnable> chainThread) {
        this(channel, sender, rpcTimeout, COMMIT_WAIT, timers, chainThread);
    }

    /** As above, with the commit answer's wait {@code commitWait} instead of {@link #COMMIT_WAIT}. */
    ForwardedTransactions(String channel, Sender sender, Duration rpcTimeout, Duration commitWait,
                          ScheduledExecutorService timers, Consumer<Runnable> chainThread) {
        this.commitWait = commitWait;
        this.channel = channel;
        this.sender = sender;
        this.rpcTimeout = rpcTimeout;
        this.timers = timers;
        this.chainThread = chainThread;
    }

    /**
     * Forwards {@code env} (checked against config sequence {@code validatedSeq}; {@code config}: a CONFIG envelope)
     * to Raft id {@code leader}: {@code accepted} answers once it is sent, {@code committed} once it is in a block of
     * this node (either may be null).
     */
    void forward(long leader, Envelope env, long validatedSeq, boolean config, CompletableFuture<BroadcastResult> accepted,
                 CompletableFuture<BroadcastResult> committed) {
        SubmitRequest request = SubmitRequest.newBuilder().setChannel(channel).setLastValidationSeq(validatedSeq)
                .setPayload(env).build();
        CompletableFuture<Void> sent;
        try {
            sent = sender.send(channel, leader, request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        if (committed != null && !committed.isDone()) {
            ByteString configKey = config ? configUpdateOf(env) : null;
            watch(configKey != null ? configs : normal, configKey != null ? configKey : env.toByteString(),
                    new Waiter(committed, leader, System.nanoTime() + commitWait.toNanos()));
        }
        if (!sent.isDone()) {
            unsent.add(new PendingSend(sent, System.nanoTime() + rpcTimeout.toNanos()));
            if (sendSweep == null) {
                long every = sendSweepMillis();
                sendSweep = timers.scheduleWithFixedDelay(() -> chainThread.accept(this::expireSends), every, every,
                        TimeUnit.MILLISECONDS);
            }
        }
        sent.whenComplete((ok, err) -> {
            if (err == null) {
                if (accepted != null) {
                    accepted.complete(BroadcastResult.accepted());
                }
                return;
            }
            BroadcastResult refused = BroadcastResult.unavailable(reason(err, leader), leader);
            if (accepted != null) {
                accepted.complete(refused);
            }
            if (committed != null) {
                committed.complete(refused);
            }
        });
    }

    /** How often unsent transactions are checked: a twentieth of RPCTimeout, so one times out at most 5 % late. */
    private long sendSweepMillis() {
        return Math.max(5, Math.min(250, rpcTimeout.toMillis() / 20));
    }

    /** Fails the sends older than RPCTimeout (Fabric's {@code timed out (7s) waiting on forwarding to N}). */
    private void expireSends() {
        long now = System.nanoTime();
        for (PendingSend p = unsent.peek(); p != null; p = unsent.peek()) {
            if (!p.sent().isDone() && now - p.deadlineNanos() < 0) {
                break; // the oldest is still in time, so are the later ones
            }
            unsent.poll();
            p.sent().completeExceptionally(new TimeoutException());
        }
        if (unsent.isEmpty() && sendSweep != null) {
            sendSweep.cancel(false);
            sendSweep = null;
        }
    }

    private String reason(Throwable err, long leader) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof TimeoutException) {
            return "timed out (" + GoDuration.format(rpcTimeout) + ") waiting on forwarding to " + leader;
        }
        return "cannot forward the transaction to the leader " + leader + ": " + cause.getMessage();
    }

    private void watch(Map<ByteString, Waiter> waiters, ByteString key, Waiter w) {
        Waiter previous = waiters.put(key, w);
        if (previous != null) {
            previous.committed().complete(BroadcastResult.unavailable("the same transaction was submitted again", 0));
        }
        if (sweep == null) {
            long every = Math.max(10, Math.min(1000, commitWait.toMillis() / 2));
            sweep = timers.scheduleWithFixedDelay(() -> chainThread.accept(this::expire), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** A block this node wrote: the forwarded transactions in it are committed. */
    void blockWritten(Block block) {
        if (normal.isEmpty() && configs.isEmpty()) {
            return;
        }
        long number = block.getHeader().getNumber();
        boolean isConfig = !configs.isEmpty() && Blocks.isConfigBlock(block);
        for (ByteString data : block.getData().getDataList()) {
            Waiter w = normal.isEmpty() ? null : normal.remove(data);
            if (w == null && isConfig) {
                try {
                    ByteString key = configUpdateOf(Envelope.parseFrom(data));
                    w = key == null ? null : configs.remove(key);
                } catch (InvalidProtocolBufferException e) {
                    // not an envelope: nobody waits for it
                }
            }
            if (w != null) {
                w.committed().complete(BroadcastResult.success(number));
            }
        }
        stopSweepIfIdle();
    }

    /** Answers every waiting commit (the chain stops or halts). */
    void failAll(String reason) {
        BroadcastResult r = BroadcastResult.unavailable(reason, 0);
        // a send still waiting to be written is answered now, not at its RPCTimeout: nothing will sweep it any more
        for (PendingSend p = unsent.poll(); p != null; p = unsent.poll()) {
            p.sent().completeExceptionally(new IllegalStateException(reason));
        }
        if (sendSweep != null) {
            sendSweep.cancel(false);
            sendSweep = null;
        }
        normal.values().forEach(w -> w.committed().complete(r));
        configs.values().forEach(w -> w.committed().complete(r));
        normal.clear();
        configs.clear();
        stopSweepIfIdle();
    }

    private void expire() {
        long now = System.nanoTime();
        for (Map<ByteString, Waiter> waiters : java.util.List.of(normal, configs)) {
            for (Iterator<Waiter> it = waiters.values().iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.committed().isDone()) {
                    it.remove();
                } else if (now - w.deadlineNanos() >= 0) {
                    it.remove();
                    w.committed().complete(BroadcastResult.unavailable("forwarded to the leader " + w.leader()
                            + " but not in a block of this node within " + GoDuration.format(commitWait)
                            + " (the leader dropped it or lost it with its leadership: see the leader's log)", w.leader()));
                }
            }
        }
        stopSweepIfIdle();
    }

    private void stopSweepIfIdle() {
        if (sweep != null && normal.isEmpty() && configs.isEmpty()) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    /** The CONFIG_UPDATE a CONFIG envelope was made of (the key of a forwarded config), or null for other envelopes. */
    static ByteString configUpdateOf(Envelope env) {
        try {
            Payload p = Payload.parseFrom(env.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
            if (ch.getType() != HeaderType.CONFIG_VALUE) {
                return null;
            }
            return ConfigEnvelope.parseFrom(p.getData()).getLastUpdate().toByteString();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

}
