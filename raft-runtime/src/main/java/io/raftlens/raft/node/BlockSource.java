package io.raftlens.raft.node;

import org.hyperledger.fabric.protos.common.Block;

import java.util.Optional;

/** Where a node that fell behind a snapshot pulls the blocks it misses (Fabric's block puller over deliver). */
@FunctionalInterface
public interface BlockSource {
    /** Block {@code number} of {@code channel} from any other consenter that has it. */
    Optional<Block> block(String channel, long number);

    /**
     * Like {@link #block}, but says whether every consenter asked refused this node (it is not a consenter of the
     * channel there: evidence of its eviction, see {@link io.raftlens.raft.node.core.EvictionSuspector}).
     */
    default Pulled pull(String channel, long number) {
        return new Pulled(block(channel, number).orElse(null), false);
    }

    /** A pulled block (null when none was had), or a refusal by every consenter asked. */
    record Pulled(Block block, boolean refusedByAll) {
    }

    /**
     * The blocks of {@code channel} from {@code from} on, in order, up to the first one nobody serves (the other
     * consenters' last block); {@code refusedByAll} when every consenter refused this node the first one.
     */
    default PulledRun pullFrom(String channel, long from) {
        java.util.List<Block> blocks = new java.util.ArrayList<>();
        for (long n = from; ; n++) {
            Pulled p = pull(channel, n);
            if (p.block() == null) {
                return new PulledRun(blocks, blocks.isEmpty() && p.refusedByAll());
            }
            blocks.add(p.block());
        }
    }

    /** Consecutive pulled blocks, or a refusal by every consenter asked. */
    record PulledRun(java.util.List<Block> blocks, boolean refusedByAll) {
    }
}
