package io.raftlens.raft.orderer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.Duration} text form, as Fabric stores BatchTimeout ("2s", "500ms", "1m30s"). */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** Go's Duration.String(). */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000L) {
            return sign + u + "ns";
        }
        if (u < 1_000_000L) {
            return sign + fraction(u, 1_000L) + "µs";
        }
        if (u < 1_000_000_000L) {
            return sign + fraction(u, 1_000_000L) + "ms";
        }
        long h = u / 3_600_000_000_000L;
        long rest = u % 3_600_000_000_000L;
        long m = rest / 60_000_000_000L;
        long s = rest % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (h > 0) {
            out.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            out.append(m).append('m');
        }
        return out.append(fraction(s, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }

    /** Go's time.ParseDuration for the units Fabric configurations use. */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
            }
            BigDecimal v = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(v.multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (pos == 0) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
