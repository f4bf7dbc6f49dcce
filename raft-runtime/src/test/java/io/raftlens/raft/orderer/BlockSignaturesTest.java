package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.Policy;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

class BlockSignaturesTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;
    private int ledgers;

    /** A ledger on configtxgen's genesis block, then blocks cut and signed the way a RaftLens node writes them. */
    private java.nio.file.Path ledger(SigningIdentity... signers) {
        java.nio.file.Path dir = tmp.resolve("ledger" + (++ledgers) + "/systemordererchannel");
        Block genesis = FabricFixtures.block("sdk-java/orderer.block");
        try (FileLedger l = FileLedger.open(dir)) {
            l.append(genesis);
            byte[] prev = Blocks.headerHash(genesis.getHeader());
            long n = 1;
            for (SigningIdentity s : signers) {
                var data = org.hyperledger.fabric.protos.common.BlockData.newBuilder()
                        .addData(ByteString.copyFromUtf8("tx " + n)).build();
                Block b = Blocks.newBlock(n, prev).setData(data)
                        .setHeader(Blocks.newBlock(n, prev).getHeader().toBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data))))
                        .build();
                b = BlockSignatures.sign(Blocks.withOrdererMetadata(b, 0,
                        org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder().setRaftIndex(n + 2).build()), s);
                l.append(b);
                prev = Blocks.headerHash(b.getHeader());
                n++;
            }
        }
        return dir;
    }

    @Test
    void ledgerVerifyChecksOrdererSignaturesAgainstBlockValidation() {
        SigningIdentity orderer = FabricFixtures.sdkSigner("OrdererMSP", "orderer");
        LedgerVerifier.Result ok = LedgerVerifier.verify("systemordererchannel", ledger(orderer, orderer, orderer));
        assertEquals(true, ok.valid(), ok.toJson());
        assertEquals(3, ok.signedBlocks());
        assertEquals("BlockValidation", ok.signatureCheck());
        LedgerVerifier.Result bad = LedgerVerifier.verify("systemordererchannel",
                ledger(orderer, FabricFixtures.sdkSigner("Org1MSP", "org1-user1"), orderer));
        assertEquals(false, bad.valid());
        assertEquals(2L, bad.firstBadBlock());
        assertEquals("block 2: orderer signatures do not satisfy /Channel/Orderer/BlockValidation: implicit policy evaluation "
                + "failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied",
                bad.reason());
    }

    @Test
    void verifiesTheSignatureAFabricOrdererPutOnABlock() throws Exception {
        // block 3 of a Fabric 1.4 system channel: an ORDERER_TRANSACTION wrapping a new channel's CONFIG, whose
        // Orderer group (the same OrdererOrg) carries the BlockValidation policy the block was signed for
        Block block3 = FabricFixtures.block("fabric/block3.pb");
        Envelope outer = Envelope.parseFrom(block3.getData().getData(0));
        Envelope config = Envelope.parseFrom(Payload.parseFrom(outer.getPayload()).getData());
        Policy bv = ChannelConfig.fromEnvelope(config).policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION);
        assertEquals(1, BlockSignatures.count(block3));
        BlockSignatures.verify(block3, bv);
        Block tampered = block3.toBuilder().setHeader(block3.getHeader().toBuilder().setNumber(4)).build();
        assertThrows(PolicyException.class, () -> BlockSignatures.verify(tampered, bv));
    }

    @Test
    void signsAsFabricsBlockWriterAndVerifiesAgainstBlockValidation() throws Exception {
        ChannelConfig system = FabricFixtures.sdkSystemChannel();
        Policy bv = system.policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION);
        SigningIdentity orderer = FabricFixtures.sdkSigner("OrdererMSP", "orderer");
        Block block = Blocks.withOrdererMetadata(Blocks.newBlock(5, new byte[32])
                .setData(org.hyperledger.fabric.protos.common.BlockData.newBuilder().addData(ByteString.copyFromUtf8("tx")))
                .build(), 0, org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder().setRaftIndex(9).build());
        var unsigned = assertThrows(PolicyException.class, () -> BlockSignatures.verify(block, bv));
        assertEquals("implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied",
                unsigned.getMessage());
        Block signed = BlockSignatures.sign(block, orderer);
        BlockSignatures.verify(signed, bv);
        // the metadata value Fabric signs is still the OrdererBlockMetadata (raft index readable as before)
        assertEquals(9, Blocks.raftIndex(signed).orElseThrow());
        Block byClient = BlockSignatures.sign(block, FabricFixtures.sdkSigner("Org1MSP", "org1-user1"));
        assertThrows(PolicyException.class, () -> BlockSignatures.verify(byClient, bv));
        Block moved = signed.toBuilder().setHeader(signed.getHeader().toBuilder().setNumber(6)).build();
        assertThrows(PolicyException.class, () -> BlockSignatures.verify(moved, bv));
    }
}
