package io.raftlens.raft.network;

import io.raftlens.raft.fabric.participation.ChannelStatus;
import io.raftlens.raft.node.BlockSource;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel this node follows without being one of its consenters (Fabric's {@code follower.Chain}, 2.3+): it pulls
 * the channel's blocks from the consenters into its own ledger, from block 0 up, "onboarding" until its height passes
 * the join block's number and "active" after. As Fabric's, it writes nothing of its own: even block 0 is pulled, and
 * the pulled block with the join block's number must be the join block (same header hash). When a pulled config block makes this node a consenter, it calls
 * {@code onConsenter} to switch to a chain, as Fabric's follower does.
 */
final class FollowerChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.follower");
    static final long PULL_MILLIS = 100;

    private final String channel;
    private final long joinBlockNumber;
    private final boolean joinedAsMember;
    private final byte[] joinBlockHash;
    private final BlockSource source;
    private final Predicate<Block> isConsenterIn;
    private final Runnable onConsenter;
    private final FileLedger ledger;
    private volatile ScheduledFuture<?> task;
    private volatile boolean closed;

    /**
     * @param joinBlock     the join block; block 0 is written at once when it is one
     * @param isConsenterIn whether a config block lists this node as a consenter
     * @param onConsenter   called (once, on the pull thread, after this follower closed) when it became one
     */
    FollowerChannel(String channel, Block joinBlock, boolean joinedAsMember, Path ledgerDir, BlockSource source, Predicate<Block> isConsenterIn,
                    Runnable onConsenter, ScheduledExecutorService timers) {
        this.channel = channel;
        this.joinBlockNumber = joinBlock.getHeader().getNumber();
        this.joinedAsMember = joinedAsMember;
        this.joinBlockHash = Blocks.headerHash(joinBlock.getHeader());
        this.source = source;
        this.isConsenterIn = isConsenterIn;
        this.onConsenter = onConsenter;
        this.ledger = FileLedger.open(ledgerDir);
        this.task = timers.scheduleWithFixedDelay(this::pull, PULL_MILLIS, PULL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Created follower.Chain for channel {}, join block number {}, ledger height {}", channel, joinBlockNumber,
                ledger.height());
    }

    String channel() {
        return channel;
    }

    /** The join block lists this node as a consenter (it onboards before its chain starts). */
    boolean joinedAsMember() {
        return joinedAsMember;
    }

    long height() {
        return ledger.height();
    }

    /** Onboarding while the ledger has not passed the join block; active after. */
    ChannelStatus status() {
        return ledger.height() <= joinBlockNumber ? ChannelStatus.ONBOARDING : ChannelStatus.ACTIVE;
    }

    Optional<Block> block(long number) {
        return number < 0 || number >= ledger.height() ? Optional.empty() : Optional.of(ledger.block(number));
    }

    private void pull() {
        try {
            while (!closed) {
                long next = ledger.height();
                Optional<Block> b = source.block(channel, next);
                if (b.isEmpty()) {
                    return;
                }
                if (next == joinBlockNumber && !java.util.Arrays.equals(joinBlockHash, Blocks.headerHash(b.get().getHeader()))) {
                    LOG.error("Channel {}: block [{}] pulled from the consenters is not the join block; this follower stops"
                            + " (remove the channel and join with the channel's own block)", channel, next);
                    task.cancel(false);
                    return;
                }
                ledger.append(b.get());
                if (Blocks.isConfigBlock(b.get()) && next >= joinBlockNumber && isConsenterIn.test(b.get())) {
                    LOG.info("Channel {}: this node is a consenter in config block [{}]; switching from follower to chain",
                            channel, next);
                    close();
                    onConsenter.run();
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: pulling block [{}] failed: {}", channel, ledger.height(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        task.cancel(false);
        ledger.close();
    }
}
