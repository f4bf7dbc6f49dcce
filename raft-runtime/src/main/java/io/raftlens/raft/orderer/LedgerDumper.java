package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.Block;

/**
 * {@code raftlens ledger dump}: one JSON line per block,
 * {@code {"number":N,"previousHash":"hex","dataHash":"hex","raftIndex":I,"transactions":["base64",…]}}
 * where {@code transactions} are the block's data entries (marshaled envelopes) and {@code raftIndex} is 0
 * for a block without etcdraft metadata (the genesis block).
 */
public final class LedgerDumper {
    private LedgerDumper() {
    }

    public static String line(Block block) {
        HexFormat hex = HexFormat.of();
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder(256)
                .append("{\"number\":").append(Long.toUnsignedString(block.getHeader().getNumber()))
                .append(",\"previousHash\":\"").append(hex.formatHex(block.getHeader().getPreviousHash().toByteArray()))
                .append("\",\"dataHash\":\"").append(hex.formatHex(block.getHeader().getDataHash().toByteArray()))
                .append("\",\"raftIndex\":").append(Long.toUnsignedString(Blocks.raftIndex(block).orElse(0)))
                .append(",\"transactions\":[");
        boolean first = true;
        for (ByteString tx : block.getData().getDataList()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(b64.encodeToString(tx.toByteArray())).append('"');
        }
        return sb.append("]}").toString();
    }

    /**
     * Writes every readable block of the ledger in {@code ledgerDir}, in order. Returns the number of blocks
     * written; throws {@link LedgerException} naming the file and offset when a block before the tail is
     * damaged (after writing the blocks before it).
     */
    public static long dump(Path ledgerDir, Appendable out) {
        if (!Files.isDirectory(ledgerDir)) {
            throw new LedgerException("no ledger at " + ledgerDir);
        }
        long[] count = {0};
        BlockFiles.ScanEnd end = BlockFiles.scan(ledgerDir, 0, 0, BlockFiles.list(ledgerDir).size(), false, found -> {
            try {
                Block block = Block.parseFrom(found.block());
                if (block.getHeader().getNumber() != count[0]) {
                    throw new LedgerException("ledger " + ledgerDir.resolve(BlockFiles.name(found.file())) + " is corrupt at offset "
                            + found.offset() + ": holds block " + block.getHeader().getNumber() + " where block " + count[0] + " belongs");
                }
                out.append(line(block)).append('\n');
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerException("ledger " + ledgerDir.resolve(BlockFiles.name(found.file()))
                        + " is corrupt at offset " + found.offset() + ": not a block (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count[0]++;
            return true;
        });
        if (end.end() == BlockFiles.End.CORRUPT) {
            throw new LedgerException("ledger " + ledgerDir.resolve(BlockFiles.name(end.file())) + " is corrupt at offset "
                    + end.validEnd() + " (block " + count[0] + "): " + end.reason());
        }
        return count[0];
    }
}
