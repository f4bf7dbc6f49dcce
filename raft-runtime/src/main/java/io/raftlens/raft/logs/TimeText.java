package io.raftlens.raft.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times are shown: UTC, to the millisecond, or a dash when the line had none. */
final class TimeText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    static String clock(long t) {
        return t == DecodedLine.NO_TIME ? "-" : CLOCK.format(Instant.ofEpochMilli(t));
    }

    static String full(long t) {
        return t == DecodedLine.NO_TIME ? "-" : FULL.format(Instant.ofEpochMilli(t));
    }

    /** ISO-8601 instant for JSON, or {@code null}. */
    static String iso(long t) {
        return t == DecodedLine.NO_TIME ? null : Instant.ofEpochMilli(t).toString();
    }

    static String duration(long ms) {
        if (ms < 0) {
            return "";
        }
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
