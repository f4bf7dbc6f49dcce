package io.raftlens.raft.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect backoff, capped and jittered (gRPC style): attempt n waits
 * {@code min(max, base * multiplier^n)} scaled by a random factor in {@code [1 - jitter, 1 + jitter]}, never above
 * {@code max}. The random source is injectable so that tests are deterministic.
 */
public final class Backoff {
    private final long baseNanos;
    private final double multiplier;
    private final long maxNanos;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Backoff(Duration base, double multiplier, Duration max, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
        }
        if (multiplier < 1.0 || jitter < 0 || jitter >= 1.0) {
            throw new IllegalArgumentException("backoff needs multiplier >= 1 and 0 <= jitter < 1");
        }
        this.baseNanos = base.toNanos();
        this.multiplier = multiplier;
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random);
    }

    /** 100 ms doubling-ish up to 2 s with 20% jitter: a local Raft network rejoins within an election timeout. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), 1.6, Duration.ofSeconds(2), 0.2,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** Delay before reconnect attempt {@code attempt} (0 for the first retry after a failure). */
    public Duration delay(int attempt) {
        double raw = baseNanos * Math.pow(multiplier, Math.max(0, attempt));
        double capped = Math.min(raw, maxNanos);
        double factor = 1.0 + jitter * (2.0 * random.getAsDouble() - 1.0);
        return Duration.ofNanos((long) Math.min(maxNanos, capped * factor));
    }
}
