package io.raftlens.lsp.cli;

import io.raftlens.raft.crypto.CryptoConfig;
import io.raftlens.raft.crypto.Cryptogen;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftlens cryptogen generate|showtemplate|extend}: Fabric's cryptogen with its flags
 * ({@code --config FILE}, {@code --output DIR} default {@code crypto-config}, {@code --input DIR} for extend), its
 * crypto-config.yaml format and its output layout; without {@code --config} the default template is used, as
 * cryptogen does.
 */
@Command(name = "cryptogen",
        description = "Generate Hyperledger Fabric key material exactly as Fabric's cryptogen lays it out (no Fabric binaries needed).",
        subcommands = {CryptogenCommand.Generate.class, CryptogenCommand.ShowTemplate.class, CryptogenCommand.Extend.class})
public final class CryptogenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** cryptogen reads the configuration, then prints "Error reading config: …" and exits non-zero on failure. */
    static CryptoConfig config(Path file, PrintWriter err) {
        try {
            String text = file == null ? CryptoConfig.defaultTemplate() : new String(io.raftlens.config.files.SafeFiles.read(file,
                    io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8);
            return CryptoConfig.parse(text);
        } catch (IOException e) {
            err.println("Error reading config: Error reading configuration: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println("Error reading config: " + e.getMessage());
        }
        err.flush();
        return null;
    }

    /** What generate and extend do to a directory, given the parsed configuration. */
    @FunctionalInterface
    interface Action {
        void apply(Cryptogen cryptogen, CryptoConfig config, Path dir) throws IOException;
    }

    /** generate and extend: read the configuration, act on {@code dir}, print cryptogen's lines; 1 on any failure. */
    static int run(CommandLine.Model.CommandSpec spec, Path configFile, Path dir, String doing, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CryptoConfig c = config(configFile, err);
        if (c == null) {
            return 1;
        }
        try {
            action.apply(new Cryptogen(out::println), c, dir);
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("Error " + doing + " key material under " + dir + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    @Command(name = "generate", description = "Generate key material.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--output", paramLabel = "DIR", defaultValue = "crypto-config",
                description = "The output directory in which to place artifacts (default: ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--config", paramLabel = "FILE", description = "The configuration template to use.")
        Path config;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public Integer call() {
            return run(spec, config, output, "generating", Cryptogen::generate);
        }
    }

    @Command(name = "showtemplate", description = "Show the default configuration template.")
    static final class ShowTemplate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(CryptoConfig.defaultTemplate());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "extend", description = "Extend existing network.")
    static final class Extend implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--input", paramLabel = "DIR", defaultValue = "crypto-config",
                description = "The input directory in which existing network place (default: ${DEFAULT-VALUE}).")
        Path input;

        @Option(names = "--config", paramLabel = "FILE", description = "The configuration template to use.")
        Path config;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public Integer call() {
            return run(spec, config, input, "extending", Cryptogen::extend);
        }
    }
}
