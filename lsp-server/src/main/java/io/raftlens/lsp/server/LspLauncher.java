package io.raftlens.lsp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects a {@link RaftLensLanguageServer} to a client over stdio or a 127.0.0.1 socket. */
public final class LspLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(LspLauncher.class);

    private LspLauncher() {
    }

    /** Serves one client on the given streams; returns the listening future (done when the input ends). */
    public static Future<Void> start(RaftLensLanguageServer server, InputStream in, OutputStream out) {
        ExecutorService dispatch = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raftlens-jsonrpc");
            t.setDaemon(true);
            return t;
        });
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(dispatch)
                .create();
        server.connect(launcher.getRemoteProxy());
        return launcher.startListening();
    }

    /** Serves the editor on stdin/stdout until {@code exit}, the end of input or the editor's death; returns the exit code. */
    public static int runStdio(InputStream in, OutputStream out, IntConsumer exit) throws Exception {
        RaftLensLanguageServer server = new RaftLensLanguageServer(exit, RaftLensLanguageServer.DEFAULT_VALIDATION_DELAY_MS);
        start(server, in, out).get();
        return 0; // input closed without exit: the editor went away
    }

    /**
     * Listens on 127.0.0.1 and serves each client that connects, one connection at a time; {@code exit}
     * from a client ends that connection only. Prints the bound port on {@code log}.
     */
    public static void serveSocket(int port, PrintStream log) throws IOException {
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            log.println("raftlens lsp: listening on 127.0.0.1:" + listener.getLocalPort());
            log.flush();
            serve(listener);
        }
    }

    /** Serves the clients of an open listener, one at a time, until the listener is closed. */
    public static void serve(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                serve(listener.accept());
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("accepting a client failed: {}", e.toString());
                }
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            RaftLensLanguageServer server = new RaftLensLanguageServer(code -> close(socket),
                    RaftLensLanguageServer.DEFAULT_VALIDATION_DELAY_MS);
            start(server, socket.getInputStream(), socket.getOutputStream()).get();
        } catch (Exception e) {
            LOG.debug("client connection ended: {}", e.toString());
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing client socket: {}", e.toString());
        }
    }
}
