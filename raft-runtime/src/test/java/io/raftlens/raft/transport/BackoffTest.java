package io.raftlens.raft.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.2, () -> 0.5); // no jitter
        assertEquals(Duration.ofMillis(100), b.delay(0));
        assertEquals(Duration.ofMillis(200), b.delay(1));
        assertEquals(Duration.ofMillis(800), b.delay(3));
        assertEquals(Duration.ofSeconds(1), b.delay(4));
        assertEquals(Duration.ofSeconds(1), b.delay(1000));
    }

    @Test
    void jitterStaysWithinBoundsAndNeverExceedsTheCap() {
        Backoff low = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.2, () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.2, () -> 0.999999);
        assertEquals(80, low.delay(0).toMillis());
        assertEquals(119, high.delay(0).toMillis());
        assertEquals(800, low.delay(10).toMillis());
        assertEquals(Duration.ofSeconds(1), high.delay(10));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1), 0, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0, () -> 0));
    }
}
