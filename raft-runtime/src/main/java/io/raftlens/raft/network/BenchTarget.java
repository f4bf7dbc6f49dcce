package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What {@link NetworkBench} drives: a network in this JVM, or one reached through its control API. */
public interface BenchTarget {

    CompletableFuture<BroadcastResult> broadcast(String channel, byte[] tx);

    /** Every node's state now. */
    NetworkSnapshot snapshot();

    void kill(long node);

    void stop(long node);

    void start(long node);

    /**
     * Runs {@code onChange} right after any node's role, term or leader changed, on that node's thread, so a
     * measurement can end at the change itself; empty when this target cannot tell (then the bench polls).
     */
    default java.util.Optional<AutoCloseable> onStateChange(Runnable onChange) {
        return java.util.Optional.empty();
    }

    /** The leader every running node of the channel agrees on, or 0; with its term. */
    default long[] agreedLeader(String channel) {
        return agreedLeader(channel, 0);
    }

    /** As {@link #agreedLeader(String)}, ignoring node {@code except} (one being stopped). */
    default long[] agreedLeader(String channel, long except) {
        long leader = -1;
        long term = -1;
        int leaders = 0;
        for (NodeState n : snapshot().nodes()) {
            if (!n.running() || n.id().value() == except) {
                continue;
            }
            java.util.Optional<ChannelState> c = n.channel(channel);
            if (c.isEmpty()) {
                return new long[] {0, 0};
            }
            long l = c.get().leader().value();
            long t = c.get().term();
            if (c.get().role().isLeader()) {
                leaders++;
            }
            if (leader == -1) {
                leader = l;
                term = t;
            } else if (leader != l || term != t) {
                return new long[] {0, 0};
            }
        }
        return leaders == 1 && leader > 0 ? new long[] {leader, term} : new long[] {0, 0};
    }

    /** The in-JVM target. */
    static BenchTarget of(LocalNetwork net) {
        return new BenchTarget() {
            @Override
            public CompletableFuture<BroadcastResult> broadcast(String channel, byte[] tx) {
                return net.broadcastRaw(channel, null, tx);
            }

            @Override
            public NetworkSnapshot snapshot() {
                return net.snapshot();
            }

            @Override
            public java.util.Optional<AutoCloseable> onStateChange(Runnable onChange) {
                return java.util.Optional.of(net.onStateChange(onChange));
            }

            @Override
            public void kill(long node) {
                net.killNode(node);
            }

            @Override
            public void stop(long node) {
                net.stopNode(node);
            }

            @Override
            public void start(long node) {
                net.startNode(node);
            }

            @Override
            public long[] agreedLeader(String channel, long except) {
                long l = 0;
                long term = -1;
                for (var n : net.nodes()) {
                    var c = n.id() == except ? java.util.Optional.<io.raftlens.raft.node.Chain>empty() : n.chain(channel);
                    if (c.isPresent() && NodeRole.of(c.get().status()).isLeader() && c.get().status().term() > term) {
                        l = n.id();
                        term = c.get().status().term();
                    }
                }
                if (l == 0) {
                    return new long[] {0, 0};
                }
                term = -1;
                for (var n : net.nodes()) {
                    var c = n.id() == except ? java.util.Optional.<io.raftlens.raft.node.Chain>empty() : n.chain(channel);
                    if (c.isEmpty()) {
                        continue;
                    }
                    var s = c.get().status();
                    if (s.leader() != l || (term != -1 && s.term() != term)) {
                        return new long[] {0, 0};
                    }
                    term = s.term();
                }
                return new long[] {l, term};
            }
        };
    }
}
