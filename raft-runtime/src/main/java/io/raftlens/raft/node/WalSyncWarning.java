package io.raftlens.raft.node;

import java.time.Duration;
import java.util.Optional;

/**
 * Fabric etcdraft's warning about a slow disk ({@code node.go}): a WAL sync that took more than half the election
 * timeout may cost the leader its quorum.
 */
final class WalSyncWarning {

    private WalSyncWarning() {
    }

    /** Fabric's warning for a WAL sync that took {@code nanos}, if it took too long for {@code electionTimeout}. */
    static Optional<String> of(long nanos, Duration electionTimeout) {
        double seconds = nanos / 1e9;
        double electionSeconds = electionTimeout.toMillis() / 1000.0;
        if (seconds <= electionSeconds / 2) {
            return Optional.empty();
        }
        return Optional.of("WAL sync took " + goFloat(seconds) + " seconds and the network is configured to start "
                + "elections after " + goFloat(electionSeconds) + " seconds. Your disk is too slow and may "
                + "cause loss of quorum and trigger leadership election.");
    }

    /** A float64 as Go's {@code %v} prints it: shortest representation, no ".0" ({@code 5}, {@code 3.2172}). */
    static String goFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e21) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
