package io.raftlens.lsp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code raftlens} command line: one subcommand per job (validate, launch, node, ledger, bench, lsp). */
@Command(name = "raftlens", mixinStandardHelpOptions = true, version = "raftlens 0.1.0",
        description = "Validate, launch and watch Hyperledger Fabric Raft ordering-service configurations.",
        subcommands = {CommandLine.HelpCommand.class, LedgerCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
