package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.Policy;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.SignedData;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * The orderer's block signature as Fabric's block writer adds it ({@code multichannel/blockwriter.go
 * addBlockSignature}) and as deliver clients, peers and cluster replication check it
 * ({@code protoutil.BlockSignatureVerifier} against the channel's /Channel/Orderer/BlockValidation policy): a
 * {@code MetadataSignature} in the SIGNATURES metadata over {@code value ‖ signature_header ‖ BlockHeaderBytes},
 * where value is the marshaled {@code OrdererBlockMetadata}.
 */
public final class BlockSignatures {
    private BlockSignatures() {
    }

    /**
     * The block with the signer's signature added to its SIGNATURES metadata (whose value
     * {@link Blocks#withOrdererMetadata} has set), as Fabric's addBlockSignature.
     */
    public static Block sign(Block block, SigningIdentity signer) {
        Metadata md = signaturesMetadata(block.getMetadata());
        SignatureHeader header = SignatureHeader.newBuilder().setCreator(signer.serializedBytes())
                .setNonce(ByteString.copyFrom(io.raftlens.raft.fabric.msgprocessor.Envelopes.nonce())).build();
        ByteString headerBytes = header.toByteString();
        byte[] signature = signer.sign(signedBytes(md.getValue(), headerBytes, block));
        Metadata signed = md.toBuilder().clearSignatures().addSignatures(MetadataSignature.newBuilder()
                .setSignatureHeader(headerBytes).setSignature(ByteString.copyFrom(signature))).build();
        BlockMetadata.Builder b = block.getMetadata().toBuilder();
        while (b.getMetadataCount() < Blocks.METADATA_SLOTS) {
            b.addMetadata(ByteString.EMPTY);
        }
        b.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signed.toByteString());
        return block.toBuilder().setMetadata(b).build();
    }

    /** Fabric's BlockSignatureVerifier (non-BFT): PolicyException when the signatures do not satisfy the policy. */
    public static void verify(Block block, Policy blockValidation) throws PolicyException {
        BlockMetadata metadata = block.getMetadata();
        if (metadata.getMetadataCount() < BlockMetadataIndex.SIGNATURES_VALUE + 1) {
            throw new PolicyException("no signatures in block metadata");
        }
        Metadata md;
        try {
            md = Metadata.parseFrom(metadata.getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyException("error unmarshalling signatures from metadata: " + e.getMessage());
        }
        List<SignedData> set = new ArrayList<>();
        for (MetadataSignature s : md.getSignaturesList()) {
            SignatureHeader header;
            try {
                header = SignatureHeader.parseFrom(s.getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                throw new PolicyException("failed unmarshalling signature header for block " + block.getHeader().getNumber()
                        + ": " + e.getMessage());
            }
            set.add(new SignedData(signedBytes(md.getValue(), s.getSignatureHeader(), block), header.getCreator().toByteArray(),
                    s.getSignature().toByteArray()));
        }
        blockValidation.evaluateSignedData(set);
    }

    /** How many signatures the block's SIGNATURES metadata carries (0 when none or unreadable). */
    public static int count(Block block) {
        if (block.getMetadata().getMetadataCount() <= BlockMetadataIndex.SIGNATURES_VALUE) {
            return 0;
        }
        try {
            return Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE)).getSignaturesCount();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    private static Metadata signaturesMetadata(BlockMetadata metadata) {
        if (metadata.getMetadataCount() <= BlockMetadataIndex.SIGNATURES_VALUE) {
            return Metadata.getDefaultInstance();
        }
        try {
            return Metadata.parseFrom(metadata.getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        } catch (InvalidProtocolBufferException e) {
            return Metadata.getDefaultInstance();
        }
    }

    private static byte[] signedBytes(ByteString value, ByteString signatureHeader, Block block) {
        byte[] header = Blocks.headerBytes(block.getHeader());
        byte[] out = new byte[value.size() + signatureHeader.size() + header.length];
        value.copyTo(out, 0);
        signatureHeader.copyTo(out, value.size());
        System.arraycopy(header, 0, out, value.size() + signatureHeader.size(), header.length);
        return out;
    }
}
