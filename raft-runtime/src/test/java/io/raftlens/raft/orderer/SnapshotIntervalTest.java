package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotIntervalTest {
    @Test
    void isDueOnceTheIntervalIsReachedAndRestartsAfterASnapshot() {
        SnapshotInterval s = new SnapshotInterval(1000);
        assertFalse(s.applied(600));
        assertTrue(s.applied(400));
        assertEquals("Accumulated 1000 bytes since last snapshot, exceeding size limit (1000 bytes), taking snapshot "
                + "at block [7] (index: 12), last snapshotted block number is 0, current nodes: [1, 2, 3]",
                s.describe(7, 12, 0, List.of(1L, 2L, 3L)));
        s.taken();
        assertEquals(0, s.accumulated());
        assertFalse(s.applied(999));
    }

    @Test
    void zeroMeansFabricsDefault() {
        assertEquals(16L * 1024 * 1024, new SnapshotInterval(0).limit());
    }
}
