package io.raftlens.raft.orderer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BatchSize;

/**
 * Fabric's block cutter ({@code orderer/common/blockcutter}, {@code Ordered}/{@code Cut}) with the BatchTimeout
 * handling of etcdraft's chain loop, as pure logic: the driver supplies the timer and calls in on one thread.
 *
 * <ul>
 *   <li>A message larger than PreferredMaxBytes is isolated: the pending batch (if any) is cut, then a batch
 *       holding only that message.</li>
 *   <li>A message that would make the pending batch exceed PreferredMaxBytes cuts the pending batch first.</li>
 *   <li>A batch reaching MaxMessageCount is cut.</li>
 *   <li>While messages are pending the BatchTimeout timer runs (started by the first pending message, not
 *       restarted by later ones); when it fires, {@link #timeout()} cuts what is pending.</li>
 * </ul>
 * Message size is {@code len(payload) + len(signature)}, as Fabric counts it.
 */
public final class BlockCutter {
    /** Result of {@link #ordered}: zero, one or two batches to turn into blocks, and whether messages remain pending. */
    public record Ordered(List<List<Envelope>> batches, boolean pending) {
    }

    private BatchSize batchSize;
    private Duration batchTimeout;
    private final BatchTimer timer;
    private final List<Envelope> pendingBatch = new ArrayList<>();
    private long pendingBatchSizeBytes;
    private boolean ticking;

    public BlockCutter(BatchSize batchSize, Duration batchTimeout, BatchTimer timer) {
        this.timer = Objects.requireNonNull(timer, "timer");
        update(batchSize, batchTimeout);
    }

    /** Applies a new BatchSize/BatchTimeout (a config update); checked like Fabric's channel config. */
    public void update(BatchSize size, Duration timeout) {
        validate(size, timeout);
        this.batchSize = size;
        this.batchTimeout = timeout;
    }

    /** Fabric's channel-config checks of BatchSize and BatchTimeout, with its messages. */
    public static void validate(BatchSize size, Duration timeout) {
        if (size.getMaxMessageCount() == 0) {
            throw new IllegalArgumentException("Attempted to set the batch size max message count to an invalid value: 0");
        }
        if (size.getAbsoluteMaxBytes() == 0) {
            throw new IllegalArgumentException("Attempted to set the batch size absolute max bytes to an invalid value: 0");
        }
        if (size.getPreferredMaxBytes() == 0) {
            throw new IllegalArgumentException("Attempted to set the batch size preferred max bytes to an invalid value: 0");
        }
        if (Integer.toUnsignedLong(size.getPreferredMaxBytes()) > Integer.toUnsignedLong(size.getAbsoluteMaxBytes())) {
            throw new IllegalArgumentException("Attempted to set the batch size preferred max bytes ("
                    + Integer.toUnsignedString(size.getPreferredMaxBytes()) + ") greater than the absolute max bytes ("
                    + Integer.toUnsignedString(size.getAbsoluteMaxBytes()) + ").");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Attempted to set the batch timeout to a non-positive value: " + timeout);
        }
    }

    /** Fabric's message size: payload plus signature bytes. */
    public static long messageSizeBytes(Envelope msg) {
        return (long) msg.getPayload().size() + msg.getSignature().size();
    }

    /**
     * Fabric's size filter, applied by the broadcast handler on receipt: a message above AbsoluteMaxBytes is
     * refused with BAD_REQUEST and "message payload is X bytes and exceeds maximum allowed Y bytes".
     */
    public static void checkSize(Envelope msg, BatchSize size) {
        long bytes = messageSizeBytes(msg);
        long max = Integer.toUnsignedLong(size.getAbsoluteMaxBytes());
        if (bytes > max) {
            throw new TransactionRejectedException(Status.BAD_REQUEST,
                    "message payload is " + bytes + " bytes and exceeds maximum allowed " + max + " bytes");
        }
    }

    /**
     * Orders one message (checked against AbsoluteMaxBytes again, as Fabric re-filters when the config may
     * have changed) and starts or stops the batch timer.
     *
     * @throws TransactionRejectedException when the message exceeds AbsoluteMaxBytes
     */
    public Ordered ordered(Envelope msg) {
        checkSize(msg, batchSize);
        List<List<Envelope>> batches = new ArrayList<>(2);
        long preferred = Integer.toUnsignedLong(batchSize.getPreferredMaxBytes());
        long size = messageSizeBytes(msg);
        boolean pending;
        if (size > preferred) {
            if (!pendingBatch.isEmpty()) {
                batches.add(cutPending());
            }
            batches.add(List.of(msg));
            pending = false;
        } else {
            if (pendingBatchSizeBytes + size > preferred) {
                batches.add(cutPending());
            }
            pendingBatch.add(msg);
            pendingBatchSizeBytes += size;
            pending = true;
            if (pendingBatch.size() >= Integer.toUnsignedLong(batchSize.getMaxMessageCount())) {
                batches.add(cutPending());
                pending = false;
            }
        }
        if (pending) {
            startTimer();
        } else {
            stopTimer();
        }
        return new Ordered(List.copyOf(batches), pending);
    }

    /** Cuts whatever is pending (possibly nothing) and stops the timer. */
    public List<Envelope> cut() {
        stopTimer();
        return cutPending();
    }

    /**
     * The BatchTimeout fired: cuts the pending batch. Returns an empty list when nothing is pending (a timer
     * that raced with a cut), which the caller simply ignores.
     */
    public List<Envelope> timeout() {
        ticking = false;
        return cutPending();
    }

    /** Drops the pending batch (the node lost leadership; Fabric discards it the same way). */
    public List<Envelope> discardPending() {
        return cut();
    }

    public int pendingCount() {
        return pendingBatch.size();
    }

    public long pendingBytes() {
        return pendingBatchSizeBytes;
    }

    public boolean timerRunning() {
        return ticking;
    }

    public BatchSize batchSize() {
        return batchSize;
    }

    private List<Envelope> cutPending() {
        List<Envelope> batch = List.copyOf(pendingBatch);
        pendingBatch.clear();
        pendingBatchSizeBytes = 0;
        return batch;
    }

    private void startTimer() {
        if (!ticking) {
            ticking = true;
            timer.start(batchTimeout);
        }
    }

    private void stopTimer() {
        if (ticking) {
            ticking = false;
            timer.stop();
        }
    }
}
