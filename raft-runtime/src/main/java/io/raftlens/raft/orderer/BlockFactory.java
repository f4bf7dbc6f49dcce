package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Creates the chain of blocks a leader proposes, like Fabric etcdraft's {@code blockCreator}: it remembers
 * the number and header hash of the last block it <em>created</em> (which may still be in flight in Raft), so
 * consecutive batches chain correctly before they are committed. Not thread-safe: the Raft loop owns it.
 * On a leadership change, start a new factory from the last block written to the ledger.
 */
public final class BlockFactory {
    private long number;
    private byte[] hash;

    /** Continues after {@code lastHeader} (the ledger's last block, or the genesis block). */
    public BlockFactory(BlockHeader lastHeader) {
        this.number = lastHeader.getNumber();
        this.hash = Blocks.headerHash(lastHeader);
    }

    /** The next block holding {@code batch} (marshaled envelopes), with its data hash; no metadata yet. */
    public Block createNextBlock(List<Envelope> batch) {
        return createNextBlock(Blocks.data(batch));
    }

    private Block createNextBlock(BlockData data) {
        number++;
        Block.Builder b = Blocks.newBlock(number, hash).setData(data);
        b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data)));
        Block block = b.build();
        hash = Blocks.headerHash(block.getHeader());
        return block;
    }

    /** Number of the last block created. */
    public long lastNumber() {
        return number;
    }
}
