package io.raftlens.config.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoSyntax() {
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms").value());
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s").value());
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h").value());
        assertEquals(Duration.ofNanos(10_000), GoDuration.parse("10µs").value());
        assertEquals(Duration.ofNanos(10_000), GoDuration.parse("10us").value());
        assertEquals(Duration.ofSeconds(-2), GoDuration.parse("-2s").value());
        assertEquals(Duration.ZERO, GoDuration.parse("0").value());
        assertEquals(Duration.ofMillis(2500), GoDuration.parse("2500ms").value());
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s").value());
    }

    @Test
    void errorsAreGosOwn() {
        assertEquals("time: missing unit in duration \"500\"", GoDuration.parse("500").error());
        assertEquals("time: invalid duration \"\"", GoDuration.parse("").error());
        assertEquals("time: unknown unit \"d\" in duration \"1d\"", GoDuration.parse("1d").error());
        assertEquals("time: invalid duration \"abc\"", GoDuration.parse("abc").error());
        assertEquals("time: invalid duration \"-\"", GoDuration.parse("-").error());
    }

    @Test
    void formatsLikeGoDurationString() {
        assertEquals("2s", GoDuration.format(Duration.ofSeconds(2)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals("3m0s", GoDuration.format(Duration.ofMinutes(3)));
        assertEquals("2ns", GoDuration.format(Duration.ofNanos(2)));
        assertEquals("1.5µs", GoDuration.format(Duration.ofNanos(1500)));
        assertEquals("-1s", GoDuration.format(Duration.ofSeconds(-1)));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("12.5s", GoDuration.format(Duration.ofMillis(12_500)));
    }
}
