package io.raftlens.lsp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code raftlens} command line: one subcommand per job (validate, launch, node, ledger, bench, lsp). */
@Command(name = "raftlens", mixinStandardHelpOptions = true, version = "raftlens " + Main.VERSION,
        description = "Validate, launch and watch Hyperledger Fabric Raft ordering-service configurations.",
        subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, LedgerCommand.class,
                LaunchCommand.class, NodeCommand.class, BenchCommand.class, LspCommand.class})
public final class Main implements Runnable {

    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: usage errors are one line on stderr with exit 2, and an unexpected
     * failure is one line too (never a stack trace).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex);
            cmd.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
