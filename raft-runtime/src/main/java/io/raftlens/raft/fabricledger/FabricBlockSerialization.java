package io.raftlens.raft.fabricledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fabric's block serialization ({@code common/ledger/blkstorage/block_serialization.go}): not the protobuf of
 * {@code common.Block} but header, data and metadata laid out with protowire varints and length-prefixed bytes:
 * <pre>
 * varint number | bytes dataHash | bytes previousHash
 * varint len(data)     | bytes tx…            (each transaction envelope)
 * varint len(metadata) | bytes metadata…
 * </pre>
 * and a block file record is {@code varint len(serialized) | serialized} ({@code blockfile_mgr.go addBlock}).
 */
public final class FabricBlockSerialization {

    private FabricBlockSerialization() {
    }

    /** {@code serializeBlock}. */
    public static byte[] serialize(Block block) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeUInt64NoTag(block.getHeader().getNumber());
            out.writeBytesNoTag(block.getHeader().getDataHash());
            out.writeBytesNoTag(block.getHeader().getPreviousHash());
            out.writeUInt64NoTag(block.getData().getDataCount());
            for (ByteString tx : block.getData().getDataList()) {
                out.writeBytesNoTag(tx);
            }
            out.writeUInt64NoTag(block.getMetadata().getMetadataCount());
            for (ByteString md : block.getMetadata().getMetadataList()) {
                out.writeBytesNoTag(md);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A block file record: {@code varint length} then the serialized block. */
    public static byte[] record(Block block) {
        byte[] body = serialize(block);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        long v = body.length;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * {@code deserializeBlock}.
     *
     * @param where used in the error message, e.g. {@code "blockfile_000000 at offset 1234"}
     */
    public static Block deserialize(byte[] bytes, String where) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String part = "the block number";
        try {
            long number = in.readUInt64();
            part = "the data hash";
            byte[] dataHash = in.readByteArray();
            part = "the previous hash";
            byte[] previousHash = in.readByteArray();
            part = "the length of block data";
            long txs = in.readUInt64();
            if (txs > bytes.length) {
                throw new FabricLedgerException(where + ": block " + number + " claims " + txs
                        + " transactions in a record of " + bytes.length + " bytes; this is not a Fabric block file");
            }
            List<ByteString> data = new ArrayList<>((int) txs);
            part = "the transaction envelopes";
            for (long i = 0; i < txs; i++) {
                data.add(in.readBytes());
            }
            part = "the length of block metadata";
            long mds = in.readUInt64();
            if (mds > bytes.length) {
                throw new FabricLedgerException(where + ": block " + number + " claims " + mds
                        + " metadata entries in a record of " + bytes.length + " bytes; this is not a Fabric block file");
            }
            List<ByteString> metadata = new ArrayList<>((int) mds);
            part = "the block metadata";
            for (long i = 0; i < mds; i++) {
                metadata.add(in.readBytes());
            }
            if (!in.isAtEnd()) {
                throw new FabricLedgerException(where + ": " + (bytes.length - in.getTotalBytesRead())
                        + " bytes follow the block metadata inside the record; this is not a Fabric block file");
            }
            return FabricBlock.build(number, dataHash, previousHash, data, metadata);
        } catch (IOException e) {
            throw new FabricLedgerException(where + ": cannot decode " + part + " (" + e.getMessage()
                    + "); this is not a Fabric block file, or it is damaged");
        }
    }
}
