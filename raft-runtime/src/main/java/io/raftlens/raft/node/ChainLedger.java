package io.raftlens.raft.node;

import org.hyperledger.fabric.protos.common.Block;

import java.util.Optional;

/** One channel's block ledger on one node, as the chain uses it. Starts with the channel's genesis block. */
public interface ChainLedger {

    /** Number of blocks, genesis included. */
    long height();

    Block lastBlock();

    /** The Raft index recorded in a block's metadata (0 for genesis). */
    long raftIndex(Block block);

    /**
     * Appends a committed block with its etcdraft metadata (Raft index, consenter ids) and LAST_CONFIG (the number
     * of the channel's last config block, this block's own number for a config block); durable after {@link #sync()}.
     */
    void append(Block block, org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata raft, long lastConfig);

    /** Makes appended blocks durable (in the background after applied batches, and before a snapshot lets the WAL forget them). */
    void sync();

    /** Appends a block pulled from another consenter as is (catch-up after a snapshot); durable when it returns. */
    void appendPulled(Block block);

    Optional<Block> block(long number);

    void close();
}
