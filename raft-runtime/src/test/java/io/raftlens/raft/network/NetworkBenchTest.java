package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over measurement ends at the state change that completes the agreement, not at a later poll. */
class NetworkBenchTest {

    /** A network whose agreed leader is whatever the test sets, and which calls back on every "change". */
    private static final class FakeTarget implements BenchTarget {
        volatile long[] agreed = {1, 2};
        final List<Runnable> listeners = new ArrayList<>();

        void change(long leader, long term) {
            agreed = new long[] {leader, term};
            listeners.forEach(Runnable::run);
        }

        @Override
        public long[] agreedLeader(String channel, long except) {
            return agreed[0] == except ? new long[] {0, 0} : agreed;
        }

        @Override
        public Optional<AutoCloseable> onStateChange(Runnable onChange) {
            listeners.add(onChange);
            return Optional.of(() -> listeners.remove(onChange));
        }

        @Override
        public CompletableFuture<BroadcastResult> broadcast(String channel, byte[] tx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NetworkSnapshot snapshot() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void kill(long node) {
        }

        @Override
        public void stop(long node) {
        }

        @Override
        public void start(long node) {
        }
    }

    @Test
    void theNewLeaderIsTakenAtTheCallbackThatCompletesTheAgreement() throws Exception {
        FakeTarget net = new FakeTarget();
        NetworkBench.NewLeader next = new NetworkBench.NewLeader(net, "mychannel", 1);
        net.onStateChange(next::check);
        net.change(0, 3); // a node lost its leader: no agreement yet
        assertNull(next.await(Duration.ZERO));
        long before = System.nanoTime();
        net.change(4, 3); // the last node follows 4
        long after = System.nanoTime();
        long[] agreed = next.await(Duration.ZERO);
        assertArrayEquals(new long[] {4, 3}, new long[] {agreed[0], agreed[1]});
        assertTrue(agreed[2] >= before && agreed[2] <= after, "timestamp taken in the callback itself");
        net.change(5, 4);
        assertEquals(4, next.await(Duration.ZERO)[0], "later changes do not move the measurement");
    }

    @Test
    void aTargetWithoutCallbacksIsPolled() {
        FakeTarget net = new FakeTarget();
        net.agreed = new long[] {2, 3};
        long[] agreed = new NetworkBench.NewLeader(net, "mychannel", 1).poll(Duration.ofSeconds(5));
        assertEquals(2, agreed[0]);
        assertEquals(3, agreed[1]);
    }
}
