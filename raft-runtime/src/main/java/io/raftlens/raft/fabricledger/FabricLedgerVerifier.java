package io.raftlens.raft.fabricledger;

import io.raftlens.raft.orderer.Blocks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Verifies a channel of a Fabric orderer ledger: blocks numbered 0, 1, 2… without gaps, each block's previous
 * hash equal to the header hash of the block before ({@code protoutil.BlockHeaderHash}: SHA-256 of the ASN.1 DER
 * header), each data hash equal to the hash of its data ({@code protoutil.ComputeBlockDataHash}), and — through
 * {@link BlockSignatureCheck} — its signatures. Stops at the first bad block.
 */
public final class FabricLedgerVerifier {

    /** The verdict on one channel. {@code firstBadBlock} is -1 when valid. */
    public record Result(String channel, long height, long transactions, boolean valid, long firstBadBlock, String reason,
                         boolean signaturesChecked) {

        public String toJson() {
            return "{\"channel\":\"" + channel.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"format\":\"fabric\",\"height\":"
                    + height + ",\"transactions\":" + transactions + ",\"valid\":" + valid + ",\"firstBadBlock\":"
                    + (firstBadBlock < 0 ? "null" : String.valueOf(firstBadBlock))
                    + (reason == null ? "" : ",\"reason\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    + ",\"signaturesChecked\":" + signaturesChecked + "}";
        }
    }

    private FabricLedgerVerifier() {
    }

    public static Result verify(String channel, Path channelDir, BlockSignatureCheck signatures) {
        long[] height = {0};
        long[] txs = {0};
        byte[][] previousHeaderHash = {null};
        String[] problem = {null};
        long[] bad = {-1};
        try {
            FabricChainReader.read(channelDir, b -> {
                long expected = height[0];
                String why = null;
                if (b.number() != expected) {
                    why = "block number " + b.number() + " where block " + expected + " was expected ("
                            + FabricChainReader.name(b.file()) + " at offset " + b.offset() + ")";
                } else if (previousHeaderHash[0] != null
                        && !Arrays.equals(previousHeaderHash[0], b.block().getHeader().getPreviousHash().toByteArray())) {
                    why = "previous hash " + hex(b.block().getHeader().getPreviousHash().toByteArray())
                            + " is not the hash of block " + (expected - 1) + "'s header " + hex(previousHeaderHash[0]);
                } else if (!Arrays.equals(Blocks.dataHash(b.block().getData()), b.block().getHeader().getDataHash().toByteArray())) {
                    why = "data hash " + hex(b.block().getHeader().getDataHash().toByteArray()) + " does not match its "
                            + b.transactions() + " transactions (" + hex(Blocks.dataHash(b.block().getData())) + ")";
                } else {
                    why = signatures.check(b).orElse(null);
                }
                if (why != null) {
                    problem[0] = why;
                    bad[0] = b.number() == expected ? expected : expected;
                    return false;
                }
                previousHeaderHash[0] = Blocks.headerHash(b.block().getHeader());
                height[0]++;
                txs[0] += b.transactions();
                return true;
            });
        } catch (FabricLedgerException e) {
            problem[0] = e.getMessage();
            bad[0] = height[0];
        }
        return new Result(channel, height[0], txs[0], problem[0] == null, bad[0], problem[0], signatures.checksSignatures());
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
