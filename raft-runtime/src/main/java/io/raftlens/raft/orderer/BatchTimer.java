package io.raftlens.raft.orderer;

import java.time.Duration;

/**
 * The BatchTimeout timer the node driver provides to a {@link BlockCutter}. When it fires the driver calls
 * {@link BlockCutter#timeout()} on the Raft loop (the cutter is not thread-safe).
 */
public interface BatchTimer {
    /** Arms the timer to fire once after {@code timeout}. */
    void start(Duration timeout);

    /** Disarms it; a firing that races with this is ignored by {@link BlockCutter#timeout()}. */
    void stop();
}
