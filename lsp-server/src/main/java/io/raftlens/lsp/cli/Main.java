package io.raftlens.lsp.cli;

import io.raftlens.lsp.server.RaftLensLanguageServer;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code raftlens} command line: one subcommand per job (validate, launch, node, ledger, timeline, bench, cryptogen, configtxgen, lsp). */
@Command(name = "raftlens", mixinStandardHelpOptions = true, version = "raftlens " + Main.VERSION,
        description = "Validate, launch and watch Hyperledger Fabric Raft ordering-service configurations.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ValidateCommand.class,
                LaunchCommand.class,
                NodeCommand.class,
                LedgerCommand.class,
                TimelineCommand.class,
                AttachCommand.class,
                BenchCommand.class,
                CryptogenCommand.class,
                ConfigtxgenCommand.class,
                LspCommand.class,
        })
public final class Main implements Runnable {

    /** The release, announced to editors and printed by {@code --version} (inlined: a compile-time constant). */
    public static final String VERSION = RaftLensLanguageServer.VERSION;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lsp")) {
            // An editor starts the server for each window and waits for it. The usual `raftlens lsp` has nothing
            // to parse, so picocli (whose classes are too old for the class-data archive, and which reflects on
            // every option of every subcommand) is not even loaded; with options, only this command's model is
            // built. Logback reads its configuration on another core meanwhile.
            LspCommand.configureLoggingInBackground();
            System.exit(args.length == 1 ? plainLsp() : lspCommandLine().execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    private static int plainLsp() {
        try {
            return LspCommand.stdio();
        } catch (Exception e) {
            System.err.println("raftlens lsp: internal error: " + e);
            return CommandLine.ExitCode.USAGE;
        }
    }

    /** {@code raftlens lsp} on its own: the same options, help, version and messages as in {@link #commandLine()}. */
    public static CommandLine lspCommandLine() {
        CommandLine cl = configure(new CommandLine(new LspCommand()).setCommandName("raftlens lsp"));
        cl.getCommandSpec().version("raftlens " + VERSION);
        return cl;
    }

    /**
     * The configured command line: usage errors are one line on stderr with exit 2, and an unexpected
     * failure is one line too (never a stack trace).
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    private static CommandLine configure(CommandLine cl) {
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
