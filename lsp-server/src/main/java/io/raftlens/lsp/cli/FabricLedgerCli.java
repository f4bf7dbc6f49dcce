package io.raftlens.lsp.cli;

import io.raftlens.raft.fabricledger.BlockValidationCheck;
import io.raftlens.raft.fabricledger.FabricChainReader;
import io.raftlens.raft.fabricledger.FabricLedgerDirectory;
import io.raftlens.raft.fabricledger.FabricLedgerException;
import io.raftlens.raft.fabricledger.FabricLedgerVerifier;
import io.raftlens.raft.orderer.Blocks;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code raftlens ledger verify|dump} on a real Fabric orderer's ledger ({@code FileLedger.Location}, e.g.
 * {@code /var/hyperledger/production/orderer}, or its {@code chains/<channel>}): the same output shapes as for a
 * RaftLens node, plus {@code "format":"fabric"}.
 */
final class FabricLedgerCli {

    private FabricLedgerCli() {
    }

    static int verify(FabricLedgerDirectory ledger, String only, boolean json, PrintWriter out, PrintWriter err) {
        boolean allValid = true;
        for (String channel : channels(ledger, only, err)) {
            BlockValidationCheck signatures = new BlockValidationCheck();
            FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify(channel, ledger.channelDir(channel), signatures);
            allValid &= r.valid();
            if (json) {
                out.println(r.toJson());
            } else {
                String tail = ", height " + r.height() + ", " + r.transactions() + " transactions, signatures: " + signatures.status();
                out.println(r.valid() ? channel + ": valid (Fabric ledger)" + tail
                        : channel + ": INVALID at block " + r.firstBadBlock() + tail + " (" + r.reason() + ")");
            }
        }
        out.flush();
        return allValid ? LedgerCommand.VALID : LedgerCommand.INVALID;
    }

    static int dump(FabricLedgerDirectory ledger, String only, PrintWriter out, PrintWriter err) {
        List<String> channels = channels(ledger, only, err);
        if (channels.size() > 1) {
            throw new FabricLedgerException(ledger.chains() + " has channels " + String.join(", ", channels)
                    + "; choose one with --channel NAME");
        }
        HexFormat hex = HexFormat.of();
        try {
            FabricChainReader.read(ledger.channelDir(channels.get(0)), b -> {
                StringBuilder s = new StringBuilder();
                var h = b.block().getHeader();
                s.append("{\"number\":").append(h.getNumber())
                        .append(",\"previousHash\":\"").append(hex.formatHex(h.getPreviousHash().toByteArray()))
                        .append("\",\"dataHash\":\"").append(hex.formatHex(h.getDataHash().toByteArray())).append('"');
                OptionalLong raft = Blocks.raftIndex(b.block());
                s.append(",\"raftIndex\":").append(raft.isPresent() ? String.valueOf(raft.getAsLong()) : "null");
                s.append(",\"file\":\"").append(FabricChainReader.name(b.file())).append("\",\"offset\":").append(b.offset());
                s.append(",\"transactions\":[");
                for (int i = 0; i < b.block().getData().getDataCount(); i++) {
                    s.append(i == 0 ? "\"" : ",\"").append(Base64.getEncoder().encodeToString(b.block().getData().getData(i).toByteArray())).append('"');
                }
                out.println(s.append("]}"));
                return true;
            });
        } catch (FabricLedgerException e) {
            out.flush();
            err.println("raftlens ledger dump: " + e.getMessage());
            err.flush();
            return LedgerCommand.INVALID;
        }
        out.flush();
        return LedgerCommand.VALID;
    }

    private static List<String> channels(FabricLedgerDirectory ledger, String only, PrintWriter err) {
        List<String> all = ledger.channels();
        if (only == null) {
            return all;
        }
        if (!all.contains(only)) {
            throw new FabricLedgerException("no ledger for channel " + only + " in " + ledger.chains() + " (channels: "
                    + String.join(", ", all) + ")");
        }
        return List.of(only);
    }
}
