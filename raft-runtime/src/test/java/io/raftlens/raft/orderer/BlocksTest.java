package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.junit.jupiter.api.Test;

class BlocksTest {
    private static final HexFormat HEX = HexFormat.of();

    private static BlockHeader header(long number, String prev, String data) {
        return BlockHeader.newBuilder().setNumber(number).setPreviousHash(ByteString.copyFrom(HEX.parseHex(prev)))
                .setDataHash(ByteString.copyFrom(HEX.parseHex(data))).build();
    }

    @Test
    void headerIsReadFromSerializedBlockBytesAlone() {
        BlockHeader h = header(7, "0a0b", "0c0d");
        Block block = Block.newBuilder().setHeader(h)
                .setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("tx"))).build();
        assertEquals(h, Blocks.header(block.toByteString()).orElseThrow());
        assertTrue(Blocks.header(ByteString.copyFromUtf8("not a block")).isEmpty());
        assertTrue(Blocks.header(ByteString.EMPTY).isEmpty());
    }

    /**
     * A real chain's value: on a Fabric 2.5.15 network, qscc GetChainInfo at height 29 reported
     * CurrentBlockHash 5f89… for block 28 with these previous and data hashes.
     */
    @Test
    void headerHashMatchesFabricOnARealBlock() {
        BlockHeader h = header(28, "003ef1053b17f9cf286bd087f03dbd72cddb7c1fb8f2e680128c32e5c6db6b8d",
                "9cd1500e262501b40b0c9c7dba2dc17fd7282d3b9f91c04f26f6564d774d3655");
        assertEquals("5f896f60ee4a5a755dacd92ba162a707299621442683754c2469de8a123c43da",
                HEX.formatHex(Blocks.headerHash(h)));
    }

    @Test
    void headerBytesAreGoAsn1Marshal() {
        // number 0, nil hashes: SEQUENCE { INTEGER 0, OCTET STRING "", OCTET STRING "" }
        assertEquals("3007020100" + "0400" + "0400", HEX.formatHex(Blocks.headerBytes(header(0, "", ""))));
        // big.Int 128 needs a leading zero byte to stay positive; 2^64-1 is 9 bytes
        assertEquals("300802020080" + "0400" + "0400", HEX.formatHex(Blocks.headerBytes(header(128, "", ""))));
        assertEquals("300f020900ffffffffffffffff04000400",
                HEX.formatHex(Blocks.headerBytes(header(-1L, "", ""))));
        // a 200-byte hash needs the long length form (81 c8), and so does the sequence (81 d0)
        byte[] bytes = Blocks.headerBytes(header(1, "ab".repeat(200), ""));
        assertEquals("3081d0020101" + "0481c8", HEX.formatHex(bytes, 0, 9));
        assertEquals(3 + 0xd0, bytes.length);
    }

    @Test
    void dataHashIsSha256OverConcatenatedEntries() {
        BlockData data = BlockData.newBuilder().addData(ByteString.copyFromUtf8("ab"))
                .addData(ByteString.copyFromUtf8("c")).build();
        // sha256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(Blocks.dataHash(data)));
        // sha256("") for an empty block
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(Blocks.dataHash(BlockData.getDefaultInstance())));
    }

    @Test
    void factoryChainsBlocksByHeaderHash() {
        Block genesis = ChainFixture.genesis("mychannel");
        BlockFactory f = new BlockFactory(genesis.getHeader());
        Block b1 = f.createNextBlock(List.of(ChainFixture.tx("a"), ChainFixture.tx("b")));
        Block b2 = f.createNextBlock(List.of(ChainFixture.tx("c")));
        assertEquals(1, b1.getHeader().getNumber());
        assertEquals(2, b2.getHeader().getNumber());
        assertArrayEquals(Blocks.headerHash(genesis.getHeader()), b1.getHeader().getPreviousHash().toByteArray());
        assertArrayEquals(Blocks.headerHash(b1.getHeader()), b2.getHeader().getPreviousHash().toByteArray());
        assertArrayEquals(Blocks.dataHash(b1.getData()), b1.getHeader().getDataHash().toByteArray());
        assertEquals(ChainFixture.tx("a").toByteString(), b1.getData().getData(0));
        assertEquals(Blocks.METADATA_SLOTS, b1.getMetadata().getMetadataCount());
        assertEquals(2, f.lastNumber());
    }

    @Test
    void raftIndexIsInTheEtcdraftConsenterMetadataOfTheSignaturesSlot() throws Exception {
        Block b = ChainFixture.chain("mychannel", 1, 1).get(1);
        assertEquals(3, Blocks.raftIndex(b).getAsLong());
        // the exact nesting Fabric's GetConsenterMetadataFromBlock unwraps
        Metadata sig = Metadata.parseFrom(b.getMetadata().getMetadata(0));
        OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(sig.getValue());
        assertEquals(0, obm.getLastConfig().getIndex());
        Metadata consenter = Metadata.parseFrom(obm.getConsenterMetadata());
        var raft = org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.parseFrom(consenter.getValue());
        assertEquals(3, raft.getRaftIndex());
        assertEquals(List.of(1L, 2L, 3L), raft.getConsenterIdsList());
        Metadata lastConfig = Metadata.parseFrom(b.getMetadata().getMetadata(1));
        assertEquals(LastConfig.newBuilder().setIndex(0).build(), LastConfig.parseFrom(lastConfig.getValue()));
        assertFalse(Blocks.isConfigBlock(b));
        assertTrue(Blocks.raftIndex(ChainFixture.genesis("mychannel")).isEmpty());
        assertTrue(Blocks.raftIndex(Blocks.newBlock(5, null).build()).isEmpty());
        assertTrue(Envelope.parseFrom(b.getData().getData(0)).getPayload().toStringUtf8().startsWith("block 1"));
    }
}
