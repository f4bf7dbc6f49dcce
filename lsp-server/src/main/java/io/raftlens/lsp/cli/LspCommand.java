package io.raftlens.lsp.cli;

import io.raftlens.lsp.server.LspLauncher;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            spec.commandLine().getErr().println("raftlens lsp: --port must be between 0 and 65535, not " + port);
            return 2;
        }
        InputStream in = System.in;
        PrintStream out = System.out;
        // nothing but JSON-RPC may reach stdout: logs and stray prints go to stderr
        System.setOut(System.err);
        if (port != null) {
            LspLauncher.serveSocket(port, System.err);
            return 0;
        }
        return LspLauncher.runStdio(in, out, code -> {
            out.flush();
            System.exit(code);
        });
    }
}
