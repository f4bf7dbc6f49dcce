package io.raftlens.raft.fabricledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.orderer.Blocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledgers laid out by Fabric's rules ({@code blkstorage}: {@code chains/<channel>/blockfile_NNNNNN}, records
 * {@code varint length | serializeBlock}), with Fabric's header and data hashes.
 */
class FabricLedgerVerifierTest {

    @TempDir
    Path production;

    private static List<Block> chain(int blocks) {
        List<Block> out = new ArrayList<>();
        byte[] previous = null;
        for (int n = 0; n < blocks; n++) {
            BlockData.Builder data = BlockData.newBuilder();
            for (int t = 0; t <= n % 3; t++) {
                data.addData(ByteString.copyFromUtf8("envelope " + n + "/" + t));
            }
            Block.Builder b = Blocks.newBlock(n, previous).setData(data);
            b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data.build())));
            Block block = b.build();
            out.add(block);
            previous = Blocks.headerHash(block.getHeader());
        }
        return out;
    }

    /** Writes blocks into blockfile_000000, rolling to the next file every {@code perFile} blocks. */
    private Path write(String channel, List<Block> blocks, int perFile) throws IOException {
        Path dir = Files.createDirectories(production.resolve("chains").resolve(channel));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int fileNo = 0;
        for (int i = 0; i < blocks.size(); i++) {
            file.writeBytes(FabricBlockSerialization.record(blocks.get(i)));
            if ((i + 1) % perFile == 0 || i == blocks.size() - 1) {
                Files.write(dir.resolve(FabricChainReader.name(fileNo++)), file.toByteArray());
                file.reset();
            }
        }
        return dir;
    }

    @Test
    void serializationIsFabricsLayout() {
        Block b = Block.newBuilder().setHeader(org.hyperledger.fabric.protos.common.BlockHeader.newBuilder().setNumber(300)
                        .setDataHash(ByteString.copyFrom(new byte[] {1, 2})).setPreviousHash(ByteString.EMPTY))
                .setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("tx")))
                .setMetadata(org.hyperledger.fabric.protos.common.BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY))
                .build();
        // varint 300 = ac 02 | 02 0102 | 00 | 01 (one tx) 02 "tx" | 01 (one metadata) 00
        assertEquals("ac020201020001027478" + "0100", HexFormat.of().formatHex(FabricBlockSerialization.serialize(b)));
        assertEquals("0c" + "ac020201020001027478" + "0100", HexFormat.of().formatHex(FabricBlockSerialization.record(b)));
        Block back = FabricBlockSerialization.deserialize(FabricBlockSerialization.serialize(b), "test");
        assertEquals(300, back.getHeader().getNumber());
        assertArrayEquals("tx".getBytes(StandardCharsets.UTF_8), back.getData().getData(0).toByteArray());
    }

    @Test
    void validLedgerAcrossBlockFiles() throws IOException {
        write("mychannel", chain(10), 4);
        FabricLedgerDirectory dir = FabricLedgerDirectory.detect(production).orElseThrow();
        assertEquals(List.of("mychannel"), dir.channels());
        assertEquals(List.of(0, 1, 2), FabricChainReader.files(dir.channelDir("mychannel")));
        FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify("mychannel", dir.channelDir("mychannel"), BlockSignatureCheck.NOT_CHECKED);
        assertTrue(r.valid(), r.toString());
        assertEquals(10, r.height());
        assertEquals(19, r.transactions()); // 1+2+3+1+2+3+1+2+3+1
        assertFalse(r.signaturesChecked());
        assertTrue(FabricLedgerDirectory.detect(production.resolve("chains").resolve("mychannel")).isPresent());
    }

    @Test
    void tamperedDataAndBrokenChainAreFound() throws IOException {
        List<Block> blocks = chain(6);
        List<Block> tampered = new ArrayList<>(blocks);
        tampered.set(3, blocks.get(3).toBuilder().setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("forged"))).build());
        Path dir = write("tampered", tampered, 100);
        FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify("tampered", dir, BlockSignatureCheck.NOT_CHECKED);
        assertFalse(r.valid());
        assertEquals(3, r.firstBadBlock());
        assertTrue(r.reason().startsWith("data hash "), r.reason());

        List<Block> relinked = new ArrayList<>(blocks);
        relinked.set(4, blocks.get(4).toBuilder().setHeader(blocks.get(4).getHeader().toBuilder()
                .setPreviousHash(ByteString.copyFrom(new byte[32]))).build());
        FabricLedgerVerifier.Result chain = FabricLedgerVerifier.verify("relinked", write("relinked", relinked, 100),
                BlockSignatureCheck.NOT_CHECKED);
        assertEquals(4, chain.firstBadBlock());
        assertTrue(chain.reason().contains("is not the hash of block 3's header"), chain.reason());
    }

    @Test
    void truncatedForeignAndIncompleteLedgers() throws IOException {
        Path dir = write("cut", chain(5), 100);
        Path file = dir.resolve("blockfile_000000");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        FabricLedgerVerifier.Result cut = FabricLedgerVerifier.verify("cut", dir, BlockSignatureCheck.NOT_CHECKED);
        assertFalse(cut.valid());
        assertEquals(4, cut.height());
        assertEquals(4, cut.firstBadBlock());
        assertTrue(cut.reason().startsWith("blockfile_000000 is truncated: the record at offset"), cut.reason());

        Path foreign = Files.createDirectories(production.resolve("chains").resolve("foreign"));
        Files.writeString(foreign.resolve("blockfile_000000"), "{\"this\": \"is a JSON file, not blocks\"}\n");
        FabricLedgerVerifier.Result f = FabricLedgerVerifier.verify("foreign", foreign, BlockSignatureCheck.NOT_CHECKED);
        assertFalse(f.valid());
        assertTrue(f.reason().contains("not a Fabric block file"), f.reason());

        Path gap = write("gap", chain(6), 2);
        Files.delete(gap.resolve("blockfile_000001"));
        FabricLedgerVerifier.Result g = FabricLedgerVerifier.verify("gap", gap, BlockSignatureCheck.NOT_CHECKED);
        assertTrue(g.reason().contains("but not blockfile_000001"), g.reason());
    }

    @Test
    void signatureHookIsConsulted() throws IOException {
        Path dir = write("signed", chain(3), 100);
        FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify("signed", dir,
                b -> b.number() == 2 ? Optional.of("no signature satisfies /Channel/Orderer/BlockValidation") : Optional.empty());
        assertEquals(2, r.firstBadBlock());
        assertTrue(r.signaturesChecked());
        assertTrue(r.toJson().contains("\"format\":\"fabric\""), r.toJson());
    }

    @Test
    void ordererSignaturesAgainstBlockValidation() throws IOException {
        // configtxgen's genesis block (fabric-sdk-java fixture), then blocks signed as Fabric's block writer signs them
        io.raftlens.raft.fabric.msp.SigningIdentity orderer = io.raftlens.raft.fabric.FabricFixtures.sdkSigner("OrdererMSP", "orderer");
        io.raftlens.raft.fabric.msp.SigningIdentity user = io.raftlens.raft.fabric.FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        for (boolean forged : new boolean[] {false, true}) {
            Block genesis = io.raftlens.raft.fabric.FabricFixtures.block("sdk-java/orderer.block");
            List<Block> blocks = new ArrayList<>(List.of(genesis));
            byte[] prev = Blocks.headerHash(genesis.getHeader());
            for (long n = 1; n <= 3; n++) {
                BlockData data = BlockData.newBuilder().addData(ByteString.copyFromUtf8("tx " + n)).build();
                Block.Builder b = Blocks.newBlock(n, prev).setData(data);
                b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data)));
                Block signed = io.raftlens.raft.orderer.BlockSignatures.sign(Blocks.withOrdererMetadata(b.build(), 0,
                        org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder().setRaftIndex(n + 2).build()),
                        forged && n == 2 ? user : orderer);
                blocks.add(signed);
                prev = Blocks.headerHash(signed.getHeader());
            }
            Path dir = write(forged ? "forged" : "signed", blocks, 100);
            BlockValidationCheck check = new BlockValidationCheck();
            FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify("c", dir, check);
            assertEquals("BlockValidation", check.status());
            assertTrue(r.signaturesChecked());
            if (forged) {
                assertEquals(2, r.firstBadBlock());
                assertTrue(r.reason().startsWith("orderer signatures do not satisfy /Channel/Orderer/BlockValidation"), r.reason());
            } else {
                assertTrue(r.valid(), r.toJson());
                assertEquals(4, r.height());
            }
        }
    }
}
