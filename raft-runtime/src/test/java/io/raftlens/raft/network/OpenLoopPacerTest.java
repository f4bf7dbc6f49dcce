package io.raftlens.raft.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's send schedule: releases on the schedule, stamps each with its scheduled time, sleeps rather than spins. */
class OpenLoopPacerTest {

    @Test
    void openLoopReleasesOnScheduleAndStampsTheScheduledTime() throws InterruptedException {
        long start = System.nanoTime();
        OpenLoopPacer pacer = new OpenLoopPacer(1000, start); // one per millisecond
        int released = 0;
        int notYet = 0;
        while (released < 20) {
            if (pacer.due()) {
                long now = System.nanoTime();
                long scheduled = pacer.scheduled();
                assertEquals(start + released * 1_000_000L, scheduled, "transaction " + released);
                assertTrue(now >= scheduled, "released before its time: " + (scheduled - now) + " ns early");
                released++;
            } else {
                notYet++;
            }
        }
        // a "not yet" answer has slept until the next send was due; a spinning pacer would answer millions of them
        assertTrue(notYet <= 2 * released, "asked " + notYet + " times in vain for " + released + " sends");
        assertTrue(System.nanoTime() - start >= 19_000_000L, "20 sends at 1,000/s take at least 19 ms");
    }

    @Test
    void closedLoopIsAlwaysDueAndStampsNow() throws InterruptedException {
        OpenLoopPacer pacer = new OpenLoopPacer(0, System.nanoTime());
        long before = System.nanoTime();
        assertTrue(pacer.due());
        long stamp = pacer.scheduled();
        assertTrue(stamp >= before && stamp <= System.nanoTime());
    }
}
