package io.raftlens.raft.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks a channel ledger the way a Fabric peer checks what it is delivered: every block's number follows the
 * previous one, its previous hash is the previous block's header hash, and its data hash matches its data.
 * Every block after the genesis block must also carry orderer signatures that satisfy the channel's
 * /Channel/Orderer/BlockValidation policy as of the last config block before it (Fabric's BlockSignatureVerifier),
 * with the MSPs of that config. Reads the files without modifying them, so it works on a running node (a block
 * being appended at that moment is simply not counted yet).
 */
public final class LedgerVerifier {
    /**
     * @param transactions envelopes in the channel's non-config blocks (block 0 is the channel's config)
     * @param firstBadBlock number of the first block that fails a check, null when valid
     * @param reason        why that block fails, null when valid
     * @param signedBlocks  blocks whose SIGNATURES metadata carries at least one orderer signature
     * @param signatureCheck how signatures were checked: "BlockValidation", or "skipped: why" when the genesis
     *                       block holds no channel config RaftLens can set up
     */
    public record Result(String channel, long height, long transactions, boolean valid, Long firstBadBlock,
                         String reason, long signedBlocks, String signatureCheck) {
        public Result(String channel, long height, long transactions, boolean valid, Long firstBadBlock, String reason) {
            this(channel, height, transactions, valid, firstBadBlock, reason, 0, "skipped");
        }

        /** The one-line JSON of DESIGN.md's {@code raftlens ledger verify}, plus {@code reason} when invalid. */
        public String toJson() {
            return "{\"channel\":" + Json.quote(channel) + ",\"height\":" + height + ",\"transactions\":" + transactions
                    + ",\"valid\":" + valid + ",\"firstBadBlock\":" + firstBadBlock
                    + (reason == null ? "" : ",\"reason\":" + Json.quote(reason))
                    + ",\"signedBlocks\":" + signedBlocks + ",\"signatureCheck\":" + Json.quote(signatureCheck) + "}";
        }
    }

    private LedgerVerifier() {
    }

    /**
     * Verifies the ledger in {@code ledgerDir}, every record to the end of every file; throws {@link LedgerException}
     * when it cannot be read at all (a block file that is a symbolic link, a FIFO or a device included).
     */
    public static Result verify(String channel, Path ledgerDir) {
        if (!Files.isDirectory(ledgerDir)) {
            throw new LedgerException("no ledger for channel " + channel + " at " + ledgerDir);
        }
        Result first = verifyOnce(channel, ledgerDir);
        if (first.valid() || !first.reason().contains(TORN)) {
            return first;
        }
        // a running node may be appending that very record: look again once it had time to finish
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first;
        }
        return verifyOnce(channel, ledgerDir);
    }

    private static final String TORN = "the file ends inside it";

    private static Result verifyOnce(String channel, Path ledgerDir) {
        List<Integer> files = BlockFiles.list(ledgerDir);
        Checker checker = new Checker();
        BlockFiles.ScanEnd end = BlockFiles.scan(ledgerDir, 0, 0, files.size(), false, checker::visit);
        if (checker.badBlock == null && end.end() == BlockFiles.End.CORRUPT) {
            checker.fail(checker.height, "block record damaged in " + BlockFiles.name(end.file()) + " at offset "
                    + end.validEnd() + " (" + end.reason() + ")");
        } else if (checker.badBlock == null && end.end() == BlockFiles.End.TORN) {
            // never "valid" for a file cut short: the blocks from here on are missing from this copy
            checker.fail(checker.height, "the record at offset " + end.validEnd() + " of " + BlockFiles.name(end.file())
                    + " is incomplete, " + TORN + " (" + end.reason() + "); a node truncates such a torn write when it "
                    + "starts and re-applies the block from its WAL");
        }
        return new Result(channel, checker.height, checker.transactions, checker.badBlock == null, checker.badBlock,
                checker.reason, checker.signedBlocks, checker.signatureCheck);
    }

    private static final class Checker {
        long height;
        long transactions;
        byte[] previousHeaderHash;
        Long badBlock;
        String reason;
        long signedBlocks;
        String signatureCheck = "skipped: no genesis block";
        io.raftlens.raft.fabric.config.ChannelConfig config;

        boolean visit(BlockFiles.Found found) {
            long expected = height;
            Block block;
            try {
                block = Block.parseFrom(found.block());
            } catch (InvalidProtocolBufferException e) {
                return fail(expected, "not a block (" + e.getMessage() + ")");
            }
            HexFormat hex = HexFormat.of();
            long number = block.getHeader().getNumber();
            if (number != expected) {
                return fail(expected, "block number is " + number + ", expected " + expected);
            }
            byte[] prev = block.getHeader().getPreviousHash().toByteArray();
            if (previousHeaderHash != null && !Arrays.equals(prev, previousHeaderHash)) {
                return fail(number, "previous hash " + hex.formatHex(prev) + " is not the hash of block "
                        + (number - 1) + "'s header (" + hex.formatHex(previousHeaderHash) + ")");
            }
            byte[] dataHash = Blocks.dataHash(block.getData());
            if (!Arrays.equals(dataHash, block.getHeader().getDataHash().toByteArray())) {
                return fail(number, "data hash " + hex.formatHex(block.getHeader().getDataHash().toByteArray())
                        + " does not match the block's data (" + hex.formatHex(dataHash) + ")");
            }
            if (BlockSignatures.count(block) > 0) {
                signedBlocks++;
            }
            if (number > 0 && config != null) {
                try {
                    BlockSignatures.verify(block, config.policyManager()
                            .policyOrReject(io.raftlens.raft.fabric.policy.PolicyManager.BLOCK_VALIDATION));
                } catch (io.raftlens.raft.fabric.policy.PolicyException e) {
                    return fail(number, "orderer signatures do not satisfy /Channel/Orderer/BlockValidation: " + e.getMessage());
                }
            }
            if (!Blocks.isConfigBlock(block)) {
                transactions += block.getData().getDataCount();
            } else {
                try {
                    config = io.raftlens.raft.fabric.config.ChannelConfig.fromBlock(block);
                    signatureCheck = "BlockValidation";
                } catch (io.raftlens.raft.fabric.config.ConfigException e) {
                    if (number == 0) {
                        signatureCheck = "skipped: " + e.getMessage();
                    } else {
                        return fail(number, "config block holds no usable channel config: " + e.getMessage());
                    }
                }
            }
            previousHeaderHash = Blocks.headerHash(block.getHeader());
            height++;
            return true;
        }

        boolean fail(long number, String why) {
            badBlock = number;
            reason = "block " + number + ": " + why;
            return false;
        }
    }
}
