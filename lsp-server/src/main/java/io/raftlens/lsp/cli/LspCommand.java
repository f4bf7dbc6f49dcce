package io.raftlens.lsp.cli;

import io.raftlens.lsp.server.LspLauncher;
import io.raftlens.lsp.server.WarmUpSession;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftlens lsp [--port N]}: the language server, on stdio or on a 127.0.0.1 socket. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Run the RaftLens language server for configtx.yaml and orderer.yaml.",
                "Speaks LSP on stdin/stdout (what editors launch), or with --port on 127.0.0.1 only."})
public final class LspCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "listen on 127.0.0.1:N instead of stdio (0 picks a free port)")
    Integer port;

    @Option(names = "--token-file", paramLabel = "FILE", description = "with --port: where to write the token clients "
            + "send as header X-RaftLens-Token (default: $XDG_RUNTIME_DIR or ~/.cache, raftlens/lsp-token)")
    java.nio.file.Path tokenFile;

    // Hidden: for the launchers' class-data training run (-XX:ArchiveClassesAtExit), not for people.
    @Option(names = "--warm-up", hidden = true, description = "run a scripted session against an in-process server and exit")
    boolean warmUp;

    /**
     * Starts logback's configuration on a daemon thread. Loggers asked for meanwhile are SLF4J substitutes
     * that forward to logback once it is ready, so the server's start does not wait for the XML config.
     * Returns once that thread runs, so that it, not the caller's first logger, starts the configuration.
     */
    static void configureLoggingInBackground() {
        CountDownLatch running = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            running.countDown();
            LoggerFactory.getILoggerFactory();
        }, "raftlens-logging-setup");
        t.setDaemon(true);
        t.start();
        try {
            running.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The token file of {@code lsp --port}: owner-only, in the user's runtime (else cache) folder. */
    static java.nio.file.Path defaultTokenFile() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        java.nio.file.Path base = runtime != null && !runtime.isBlank() ? java.nio.file.Path.of(runtime)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("raftlens").resolve("lsp-token");
    }

    /** Serves the editor on stdin/stdout until it exits; returns the exit code. */
    static int stdio() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        // nothing but JSON-RPC may reach stdout: logs and stray prints go to stderr
        System.setOut(System.err);
        return LspLauncher.runStdio(in, out, code -> {
            out.flush();
            System.exit(code);
        });
    }

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            spec.commandLine().getErr().println("raftlens lsp: --port must be between 0 and 65535, not " + port);
            return 2;
        }
        if (warmUp) {
            WarmUpSession.run();
            return 0;
        }
        if (port != null) {
            System.setOut(System.err); // nothing but the port line and logs, on stderr
            LspLauncher.serveSocket(port, System.err, tokenFile != null ? tokenFile : defaultTokenFile());
            return 0;
        }
        return stdio();
    }
}
