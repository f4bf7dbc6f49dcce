package io.raftlens.lsp.cli;

import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.orderer.LedgerDumper;
import io.raftlens.raft.orderer.LedgerException;
import io.raftlens.raft.orderer.LedgerVerifier;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftlens ledger verify|dump DATA_DIR [--channel NAME] [--json]}: reads a node's block ledger (stopped
 * or running). Exit 0 valid, 1 invalid, 2 usage error or unreadable data (one-line reason on stderr).
 */
@Command(name = "ledger",
        description = {"Verify or dump the block ledger of one ordering node (DATA_DIR/<consenter host>) or of a real Fabric orderer.",
                "A Fabric orderer's ledger is its FileLedger.Location (with chains/<channel>/blockfile_NNNNNN) or one chains/<channel>."},
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Dump.class})
public final class LedgerCommand implements Callable<Integer> {
    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Options shared by both subcommands. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "DATA_DIR",
                description = "A node's data dir, e.g. DATA_DIR/orderer3.example.com (holds ledger/<channel>/).")
        Path dataDir;

        @Option(names = "--channel", paramLabel = "NAME", description = "Only this channel (default: all).")
        String channel;

        @Option(names = "--json", description = "Machine-readable output (one JSON object per line).")
        boolean json;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
    }

    /** A problem with the arguments or the data dir: reported on one line, exit 2. */
    private static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message);
        }
    }

    @Command(name = "verify",
            description = "Check every block's number, previous-hash chain and data hash.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return run(spec, () -> {
                var fabric = io.raftlens.raft.fabricledger.FabricLedgerDirectory.detect(target.dataDir);
                if (fabric.isPresent()) { // a real Fabric orderer's chains/<channel>/blockfile_NNNNNN
                    return FabricLedgerCli.verify(fabric.get(), target.channel, target.json, out, spec.commandLine().getErr());
                }
                LedgerDirectory node = nodeDir(target.dataDir);
                boolean allValid = true;
                for (String channel : channels(node, target.channel)) {
                    LedgerVerifier.Result r = LedgerVerifier.verify(channel, node.ledgerDir(channel));
                    allValid &= r.valid();
                    out.println(target.json ? r.toJson() : text(r));
                }
                out.flush();
                return allValid ? VALID : INVALID;
            });
        }

        private static String text(LedgerVerifier.Result r) {
            String tail = ", height " + r.height() + ", " + r.transactions() + " transactions"
                    + (r.signedBlocks() > 0 ? ", " + r.signedBlocks() + " blocks signed (BlockValidation satisfied)" : "");
            return r.valid() ? r.channel() + ": valid" + tail
                    : r.channel() + ": INVALID at block " + r.firstBadBlock() + tail + " (" + r.reason() + ")";
        }
    }

    @Command(name = "dump",
            description = "Print one JSON line per block: number, previousHash, dataHash, raftIndex, transactions (base64).")
    static final class Dump implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return run(spec, () -> {
                var fabric = io.raftlens.raft.fabricledger.FabricLedgerDirectory.detect(target.dataDir);
                if (fabric.isPresent()) { // a real Fabric orderer's chains/<channel>/blockfile_NNNNNN
                    return FabricLedgerCli.dump(fabric.get(), target.channel, out, spec.commandLine().getErr());
                }
                LedgerDirectory node = nodeDir(target.dataDir);
                List<String> channels = channels(node, target.channel);
                if (channels.size() > 1) {
                    throw new UsageProblem(target.dataDir + " has channels " + String.join(", ", channels)
                            + "; choose one with --channel NAME");
                }
                try {
                    LedgerDumper.dump(node.ledgerDir(channels.get(0)), out);
                } catch (LedgerException e) {
                    out.flush();
                    spec.commandLine().getErr().println("raftlens ledger dump: " + e.getMessage());
                    return INVALID;
                }
                out.flush();
                return VALID;
            });
        }
    }

    private static Integer run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
        PrintWriter err = spec.commandLine().getErr();
        String name = "raftlens ledger " + spec.name();
        try {
            return body.call();
        } catch (UsageProblem | LedgerException | io.raftlens.raft.fabricledger.FabricLedgerException e) {
            err.println(name + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            err.println(name + ": " + e.getCause().getMessage());
        } catch (Exception e) {
            err.println(name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        err.flush();
        return USAGE;
    }

    static LedgerDirectory nodeDir(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new UsageProblem("no such directory: " + dataDir);
        }
        if (LedgerDirectory.isNodeDir(dataDir)) {
            return new LedgerDirectory(dataDir);
        }
        List<Path> nodes = LedgerDirectory.nodeDirsUnder(dataDir);
        if (!nodes.isEmpty()) {
            throw new UsageProblem(dataDir + " is a network data dir with nodes "
                    + nodes.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                    + "; pass one node's dir, e.g. " + nodes.get(0));
        }
        throw new UsageProblem("no channel ledger in " + dataDir + " (expected " + dataDir.resolve(LedgerDirectory.LEDGER)
                + "/<channel>/blockfile_000000); pass a node's data dir, e.g. DATA_DIR/orderer1.example.com");
    }

    static List<String> channels(LedgerDirectory node, String only) {
        List<String> all = node.channels();
        if (only == null) {
            return all;
        }
        if (!all.contains(only)) {
            throw new UsageProblem("no ledger for channel " + only + " in " + node.nodeDir() + " (channels: "
                    + String.join(", ", all) + ")");
        }
        return List.of(only);
    }
}
