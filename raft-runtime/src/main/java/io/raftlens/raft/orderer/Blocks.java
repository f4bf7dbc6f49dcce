package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * Fabric's block arithmetic ({@code protoutil/blockutils.go}) and the etcdraft block metadata layout
 * ({@code multichannel/blockwriter.go}).
 */
public final class Blocks {
    /** Fabric creates every block with one empty slot per BlockMetadataIndex (SIGNATURES .. COMMIT_HASH). */
    public static final int METADATA_SLOTS = 5;
    /** BlockMetadataIndex.LAST_CONFIG: deprecated in the protos, still written by Fabric's block writer. */
    static final int LAST_CONFIG_SLOT = 1;

    private Blocks() {
    }

    /** {@code asn1.Marshal(struct{Number *big.Int; PreviousHash, DataHash []byte})}: Fabric's BlockHeaderBytes. */
    public static byte[] headerBytes(BlockHeader header) {
        return Der.sequence(Der.unsignedInteger(header.getNumber()),
                Der.octetString(header.getPreviousHash().toByteArray()),
                Der.octetString(header.getDataHash().toByteArray()));
    }

    /** SHA-256 of {@link #headerBytes}: Fabric's BlockHeaderHash, the next block's previous hash. */
    /**
     * The header of a serialized block without parsing its data (the header is field 1 of {@code common.Block}),
     * or empty when the bytes hold no header.
     */
    public static Optional<BlockHeader> header(ByteString block) {
        try {
            CodedInputStream in = block.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == (Block.HEADER_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    return Optional.of(BlockHeader.parseFrom(in.readBytes()));
                }
                if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            // not a block
        }
        return Optional.empty();
    }

    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    /** SHA-256 over the concatenated data entries: Fabric's BlockDataHash. */
    public static byte[] dataHash(BlockData data) {
        MessageDigest d = sha256();
        for (ByteString b : data.getDataList()) {
            d.update(b.asReadOnlyByteBuffer());
        }
        return d.digest();
    }

    /** Fabric's NewBlock: the header, empty data and five empty metadata slots. */
    public static Block.Builder newBlock(long number, byte[] previousHash) {
        BlockMetadata.Builder md = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_SLOTS; i++) {
            md.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(number)
                        .setPreviousHash(previousHash == null ? ByteString.EMPTY : ByteString.copyFrom(previousHash)))
                .setData(BlockData.getDefaultInstance())
                .setMetadata(md);
    }

    /**
     * Adds what Fabric's block writer adds when it commits a block: LAST_CONFIG = {@code Metadata{LastConfig}},
     * and SIGNATURES = {@code Metadata{value: OrdererBlockMetadata{last_config, consenter_metadata:
     * Metadata{value: etcdraft.BlockMetadata}}}} — the Raft index lives in that innermost etcdraft BlockMetadata.
     * No signature is added: RaftLens nodes have no MSP signing identity.
     */
    public static Block withOrdererMetadata(Block block, long lastConfigIndex,
                                            org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata raft) {
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(lastConfigIndex).build();
        ByteString consenter = Metadata.newBuilder().setValue(raft.toByteString()).build().toByteString();
        ByteString signatures = Metadata.newBuilder().setValue(OrdererBlockMetadata.newBuilder()
                .setLastConfig(lastConfig).setConsenterMetadata(consenter).build().toByteString()).build().toByteString();
        ByteString lastConfigSlot = Metadata.newBuilder().setValue(lastConfig.toByteString()).build().toByteString();
        BlockMetadata.Builder md = padded(block.getMetadata());
        md.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures);
        md.setMetadata(LAST_CONFIG_SLOT, lastConfigSlot);
        return block.toBuilder().setMetadata(md).build();
    }

    private static BlockMetadata.Builder padded(BlockMetadata md) {
        BlockMetadata.Builder b = md.toBuilder();
        while (b.getMetadataCount() < METADATA_SLOTS) {
            b.addMetadata(ByteString.EMPTY);
        }
        return b;
    }

    /** The etcdraft consenter metadata of a committed block (Fabric's GetConsenterMetadataFromBlock), if any. */
    public static Optional<org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata> raftMetadata(Block block) {
        if (block.getMetadata().getMetadataCount() <= BlockMetadataIndex.SIGNATURES_VALUE) {
            return java.util.Optional.empty();
        }
        try {
            Metadata m = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            if (m.getValue().isEmpty()) {
                return java.util.Optional.empty();
            }
            OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(m.getValue());
            Metadata consenter = Metadata.parseFrom(obm.getConsenterMetadata());
            if (consenter.getValue().isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(
                    org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.parseFrom(consenter.getValue()));
        } catch (InvalidProtocolBufferException e) {
            return java.util.Optional.empty();
        }
    }

    /** The Raft index the block was committed at, when it carries etcdraft metadata. */
    public static OptionalLong raftIndex(Block block) {
        return raftMetadata(block).map(m -> OptionalLong.of(m.getRaftIndex())).orElse(OptionalLong.empty());
    }

    /**
     * The number of the channel's last config block as of {@code block} (its LAST_CONFIG, read from the
     * SIGNATURES metadata as Fabric's GetLastConfigIndexFromBlock does, else the deprecated LAST_CONFIG slot); 0 when
     * the block carries none.
     */
    public static long lastConfigIndex(Block block) {
        BlockMetadata md = block.getMetadata();
        try {
            if (md.getMetadataCount() > BlockMetadataIndex.SIGNATURES_VALUE) {
                Metadata m = Metadata.parseFrom(md.getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
                if (!m.getValue().isEmpty()) {
                    OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(m.getValue());
                    if (obm.hasLastConfig()) {
                        return obm.getLastConfig().getIndex();
                    }
                }
            }
            if (md.getMetadataCount() > LAST_CONFIG_SLOT) {
                Metadata m = Metadata.parseFrom(md.getMetadata(LAST_CONFIG_SLOT));
                return LastConfig.parseFrom(m.getValue()).getIndex();
            }
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
        return 0;
    }

    /** True when the block's single envelope is a CONFIG transaction (Fabric's IsConfigBlock). */
    public static boolean isConfigBlock(Block block) {
        if (block.getData().getDataCount() != 1) {
            return false;
        }
        try {
            Envelope env = Envelope.parseFrom(block.getData().getData(0));
            Payload payload = Payload.parseFrom(env.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            return ch.getType() == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** Marshals envelopes into block data, as Fabric's CreateNextBlock does. */
    static BlockData data(List<Envelope> envelopes) {
        List<ByteString> out = new ArrayList<>(envelopes.size());
        for (Envelope e : envelopes) {
            out.add(e.toByteString());
        }
        return BlockData.newBuilder().addAllData(out).build();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
