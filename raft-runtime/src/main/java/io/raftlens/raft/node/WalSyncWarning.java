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

    /**
     * A float64 as Go's {@code %v} prints it ({@code strconv.FormatFloat(v, 'g', -1, 64)}): the shortest digits, in
     * %e form ({@code 1.234567e+06}, {@code 1e-05}) when the exponent is below -4 or at least 6 (Go's precision for
     * the shortest form), else plain ({@code 5}, {@code 3.2172}, {@code 0.0001}).
     */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + d.toPlainString();
    }
}
