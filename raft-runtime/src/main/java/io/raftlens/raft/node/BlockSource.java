package io.raftlens.raft.node;

import org.hyperledger.fabric.protos.common.Block;

import java.util.Optional;

/** Where a node that fell behind a snapshot pulls the blocks it misses (Fabric's block puller over deliver). */
@FunctionalInterface
public interface BlockSource {
    /** Block {@code number} of {@code channel} from any other consenter that has it. */
    Optional<Block> block(String channel, long number);
}
