package io.raftlens.config.value;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: {@code 300ms}, {@code 1m30s}, {@code 1.5h}, {@code -2s}, {@code 10µs}.
 * Errors carry Go's own messages ({@code time: missing unit in duration "500"}) because that is what
 * Fabric prints.
 */
public final class GoDuration {

    /** Result of parsing: a duration or Go's error message. */
    public record Parsed(Duration value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    public static Parsed parse(String s) {
        String orig = s;
        if (s.isEmpty()) {
            return invalid(orig);
        }
        boolean neg = false;
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (s.substring(i).equals("0")) {
            return new Parsed(Duration.ZERO, null);
        }
        if (i == s.length()) {
            return invalid(orig);
        }
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean pre = i > start;
            int fracStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            boolean post = i > fracStart + 1;
            if (!pre && !post) {
                return invalid(orig);
            }
            BigDecimal number = new BigDecimal(s.substring(start, i).equals(".") ? "0" : fixDot(s.substring(start, i)));
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                return new Parsed(null, "time: missing unit in duration " + quote(orig));
            }
            String unit = s.substring(unitStart, i);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                return new Parsed(null, "time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            }
            total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return invalid(orig);
        }
        long ns = total.longValue();
        return new Parsed(Duration.ofNanos(neg ? -ns : ns), null);
    }

    /** Go's {@code Duration.String()}: {@code 2s}, {@code 1m30s}, {@code 500ms}, {@code 1h0m0s}. */
    public static String format(Duration d) {
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
        String s = d.stripTrailingZeros().toPlainString();
        return s;
    }

    private static String fixDot(String n) {
        String r = n.startsWith(".") ? "0" + n : n;
        return r.endsWith(".") ? r + "0" : r;
    }

    private static Parsed invalid(String s) {
        return new Parsed(null, "time: invalid duration " + quote(s));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
