package io.raftlens.raft.fabricledger;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;

/**
 * One block as stored in a Fabric block file, with where it was found.
 *
 * @param file   the block file number ({@code blockfile_NNNNNN})
 * @param offset the byte offset of its record (the length varint) in that file
 * @param block  the block, rebuilt as {@code common.Block}
 */
public record FabricBlock(int file, long offset, Block block) {

    public long number() {
        return block.getHeader().getNumber();
    }

    public int transactions() {
        return block.getData().getDataCount();
    }

    static Block build(long number, byte[] dataHash, byte[] previousHash, List<ByteString> data, List<ByteString> metadata) {
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(number).setDataHash(ByteString.copyFrom(dataHash))
                        .setPreviousHash(ByteString.copyFrom(previousHash)))
                .setData(BlockData.newBuilder().addAllData(data))
                .setMetadata(BlockMetadata.newBuilder().addAllMetadata(metadata))
                .build();
    }
}
