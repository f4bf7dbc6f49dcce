package io.raftlens.raft.node.core;

import java.math.BigDecimal;
import java.time.Duration;

/** A duration as Go's {@code time.Duration.String()} prints it in Fabric's log lines: {@code 1s}, {@code 100ms}, {@code 10m0s}. */
final class GoDurations {

    private GoDurations() {
    }

    static String format(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        String sign = ns < 0 ? "-" : "";
        long u = Math.abs(ns);
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                return sign + u + "ns";
            }
            if (u < 1_000_000L) {
                return sign + trim(BigDecimal.valueOf(u, 3)) + "µs";
            }
            return sign + trim(BigDecimal.valueOf(u, 6)) + "ms";
        }
        long hours = u / 3_600_000_000_000L;
        long rem = u % 3_600_000_000_000L;
        long minutes = rem / 60_000_000_000L;
        BigDecimal seconds = BigDecimal.valueOf(rem % 60_000_000_000L, 9);
        StringBuilder b = new StringBuilder(sign);
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(trim(seconds)).append('s').toString();
    }

    private static String trim(BigDecimal d) {
        BigDecimal t = d.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0).toPlainString() : t.toPlainString();
    }
}
