package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.Test;

/** Cases mirror Fabric's orderer/common/blockcutter/blockcutter_test.go and etcdraft's batch timer use. */
class BlockCutterTest {
    static final Envelope GOOD = Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("GOOD")).build();
    static final Envelope GOOD_LARGE = Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("GOOD"))
            .setSignature(ByteString.copyFrom(new byte[1000])).build();

    /** Records what the cutter asks of the timer. */
    static final class FakeTimer implements BatchTimer {
        final List<String> calls = new ArrayList<>();

        @Override
        public void start(Duration timeout) {
            calls.add("start " + timeout.toMillis());
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }

    static BatchSize size(int maxCount, int absolute, int preferred) {
        return BatchSize.newBuilder().setMaxMessageCount(maxCount).setAbsoluteMaxBytes(absolute)
                .setPreferredMaxBytes(preferred).build();
    }

    private final FakeTimer timer = new FakeTimer();

    private BlockCutter cutter(BatchSize size) {
        return new BlockCutter(size, Duration.ofSeconds(2), timer);
    }

    @Test
    void normalBatchIsCutAtMaxMessageCount() {
        BlockCutter c = cutter(size(2, 1000, 100));
        BlockCutter.Ordered first = c.ordered(GOOD);
        assertTrue(first.batches().isEmpty());
        assertTrue(first.pending());
        BlockCutter.Ordered second = c.ordered(GOOD);
        assertEquals(1, second.batches().size());
        assertEquals(List.of(GOOD, GOOD), second.batches().get(0));
        assertFalse(second.pending());
        assertEquals(List.of("start 2000", "stop"), timer.calls);
    }

    @Test
    void messageLargerThanPreferredMaxBytesIsIsolatedWhenNothingIsPending() {
        BlockCutter c = cutter(size(20, (int) BlockCutter.messageSizeBytes(GOOD_LARGE) * 3,
                (int) BlockCutter.messageSizeBytes(GOOD_LARGE) - 1));
        BlockCutter.Ordered r = c.ordered(GOOD_LARGE);
        assertEquals(List.of(List.of(GOOD_LARGE)), r.batches());
        assertFalse(r.pending());
        assertTrue(timer.calls.isEmpty(), "no timer for an isolated message");
    }

    @Test
    void isolatedMessageCutsThePendingBatchFirst() {
        BlockCutter c = cutter(size(20, 5000, 100));
        c.ordered(GOOD);
        BlockCutter.Ordered r = c.ordered(GOOD_LARGE);
        assertEquals(List.of(List.of(GOOD), List.of(GOOD_LARGE)), r.batches());
        assertFalse(r.pending());
        assertEquals(List.of("start 2000", "stop"), timer.calls);
    }

    @Test
    void preferredMaxBytesOverflowCutsThePendingBatch() {
        long goodBytes = BlockCutter.messageSizeBytes(GOOD);
        int preferred = (int) (goodBytes * 10 - 1); // 10 GOODs do not fit
        BlockCutter c = cutter(size(20, preferred * 2, preferred));
        for (int i = 0; i < 9; i++) {
            BlockCutter.Ordered r = c.ordered(GOOD);
            assertTrue(r.batches().isEmpty());
            assertTrue(r.pending());
        }
        BlockCutter.Ordered r = c.ordered(GOOD);
        assertEquals(1, r.batches().size());
        assertEquals(9, r.batches().get(0).size());
        assertTrue(r.pending(), "the 10th message starts the next batch");
        assertEquals(List.of(GOOD), c.cut());
        // the timer ran from the first message and was not restarted by the overflow
        assertEquals(List.of("start 2000", "stop"), timer.calls);
    }

    @Test
    void messageAboveAbsoluteMaxBytesIsRejectedWithFabricsMessage() {
        BatchSize s = size(10, 1000, 500);
        BlockCutter c = cutter(s);
        TransactionRejectedException e = assertThrows(TransactionRejectedException.class,
                () -> c.ordered(GOOD_LARGE));
        assertEquals("message payload is 1004 bytes and exceeds maximum allowed 1000 bytes", e.getMessage());
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals(0, c.pendingCount());
        BlockCutter.checkSize(Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[1000])).build(), s);
    }

    @Test
    void batchTimeoutCutsWhatIsPendingAndAStaleFiringCutsNothing() {
        BlockCutter c = cutter(size(10, 1000, 500));
        c.ordered(GOOD);
        c.ordered(GOOD);
        assertTrue(c.timerRunning());
        assertEquals(List.of(GOOD, GOOD), c.timeout());
        assertFalse(c.timerRunning());
        assertTrue(c.timeout().isEmpty(), "a timer that raced with a cut yields nothing");
        c.ordered(GOOD);
        assertEquals(List.of("start 2000", "start 2000"), timer.calls, "the timer restarts with the next pending message");
    }

    @Test
    void discardingPendingStopsTheTimer() {
        BlockCutter c = cutter(size(10, 1000, 500));
        c.ordered(GOOD);
        assertEquals(List.of(GOOD), c.discardPending());
        assertEquals(0, c.pendingBytes());
        assertEquals(List.of("start 2000", "stop"), timer.calls);
    }

    @Test
    void invalidBatchSizeIsRefusedWithFabricsMessages() {
        assertEquals("Attempted to set the batch size max message count to an invalid value: 0",
                assertThrows(IllegalArgumentException.class, () -> cutter(size(0, 10, 10))).getMessage());
        assertEquals("Attempted to set the batch size absolute max bytes to an invalid value: 0",
                assertThrows(IllegalArgumentException.class, () -> cutter(size(1, 0, 10))).getMessage());
        assertEquals("Attempted to set the batch size preferred max bytes to an invalid value: 0",
                assertThrows(IllegalArgumentException.class, () -> cutter(size(1, 10, 0))).getMessage());
        assertEquals("Attempted to set the batch size preferred max bytes (20) greater than the absolute max bytes (10).",
                assertThrows(IllegalArgumentException.class, () -> cutter(size(1, 10, 20))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BlockCutter(size(1, 10, 10), Duration.ZERO, timer));
    }
}
