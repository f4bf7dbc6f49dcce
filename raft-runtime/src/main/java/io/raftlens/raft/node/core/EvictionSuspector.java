package io.raftlens.raft.node.core;

import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.GenesisBlock;
import org.hyperledger.fabric.protos.common.Block;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Fabric's eviction suspicion ({@code etcdraft/eviction.go}: {@code PeriodicCheck} and {@code evictionSuspector}),
 * without clocks or I/O: a consenter that has known no leader for {@code EvictionSuspicion} pulls the channel's last
 * config block from the other consenters and halts if that block no longer lists it. This is how a node that was
 * partitioned while its removal committed learns of it; a node never halts on its local config block alone.
 *
 * <p>{@link #check} is Fabric's periodic check: it answers when a membership check is due (once per elapsed
 * threshold, Fabric's {@code timesTriggered}); {@link #judge} decides from what was pulled.
 */
public final class EvictionSuspector {

    /** What the pulled blocks say about this node. */
    public enum Verdict { EVICTED, MEMBER, UNKNOWN }

    /**
     * @param configBlock the last config block's number (-1 when the others refused this node outright)
     * @param toWrite     pulled blocks up to and including the eviction block, to write once halted
     */
    public record Outcome(Verdict verdict, long configBlock, List<Block> toWrite) {
    }

    private final long thresholdNanos;
    private long holdsSince = -1;
    private int timesTriggered;

    public EvictionSuspector(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    /**
     * One periodic check at {@code nowNanos}: returns how long the node has been leaderless when its membership
     * must be checked now, else -1. Having a leader clears the suspicion.
     */
    public long check(long nowNanos, boolean leaderless) {
        if (!leaderless) {
            holdsSince = -1;
            timesTriggered = 0;
            return -1;
        }
        if (holdsSince < 0) {
            holdsSince = nowNanos;
        }
        long cumulative = nowNanos - holdsSince;
        if (thresholdNanos * (timesTriggered + 1L) > cumulative) {
            return -1;
        }
        timesTriggered++;
        return cumulative;
    }

    /**
     * @param self         this node's Raft id
     * @param pulled       blocks pulled from the other consenters from this node's height on, in order
     * @param refusedByAll the other consenters refused to serve this node the channel's blocks
     * @param ledgerBlock  this node's own blocks by number
     * @param ledgerLast   this node's last block
     */
    public static Outcome judge(long self, List<Block> pulled, boolean refusedByAll, LongFunction<Optional<Block>> ledgerBlock,
                         Block ledgerLast) {
        if (pulled.isEmpty() && refusedByAll) {
            // The consenters that applied the config no longer count this node among the channel's consenters.
            return new Outcome(Verdict.EVICTED, -1, List.of());
        }
        Block last = pulled.isEmpty() ? ledgerLast : pulled.get(pulled.size() - 1);
        long configNumber = Blocks.lastConfigIndex(last);
        Optional<Block> config = pulled.stream().filter(b -> b.getHeader().getNumber() == configNumber).findFirst()
                .or(() -> ledgerBlock.apply(configNumber));
        if (config.isEmpty()) {
            return new Outcome(Verdict.UNKNOWN, configNumber, List.of());
        }
        if (consenterIds(config.get()).contains(self)) {
            return new Outcome(Verdict.MEMBER, configNumber, List.of());
        }
        List<Block> toWrite = new ArrayList<>();
        for (Block b : pulled) {
            if (b.getHeader().getNumber() <= configNumber) {
                toWrite.add(b);
            }
        }
        return new Outcome(Verdict.EVICTED, configNumber, toWrite);
    }

    /** The Raft ids a config block's etcdraft metadata names (the genesis block: 1..n, as Fabric assigns them). */
    static List<Long> consenterIds(Block config) {
        int count = GenesisBlock.read(config).etcdRaft().getConsentersCount();
        return Blocks.raftMetadata(config).filter(md -> md.getConsenterIdsCount() == count)
                .map(md -> List.copyOf(md.getConsenterIdsList()))
                .orElseGet(() -> java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
    }
}
