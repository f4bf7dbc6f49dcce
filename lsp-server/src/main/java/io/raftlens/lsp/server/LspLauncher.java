package io.raftlens.lsp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import io.raftlens.raft.network.ControlToken;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import io.raftlens.lsp.live.RaftLensClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects a {@link RaftLensLanguageServer} to a client over stdio or a 127.0.0.1 socket. */
public final class LspLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(LspLauncher.class);
    /** Concurrent socket clients; more are refused (each has a server with its own documents and threads). */
    static final int MAX_CLIENTS = 16;

    private LspLauncher() {
    }

    /** Serves one client on the given streams; returns the listening future (done when the input ends). */
    public static Future<Void> start(RaftLensLanguageServer server, InputStream in, OutputStream out) {
        ExecutorService dispatch = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raftlens-jsonrpc");
            t.setDaemon(true);
            return t;
        });
        Launcher<RaftLensClient> launcher = new LSPLauncher.Builder<RaftLensClient>()
                .setLocalService(server)
                .setRemoteInterface(RaftLensClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(dispatch)
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        // When the client's stream ends (it exited or died), networks launched from it must not outlive it.
        dispatch.execute(() -> {
            try {
                listening.get();
            } catch (Exception e) {
                LOG.debug("client stream ended: {}", e.toString());
            } finally {
                server.clientGone();
            }
        });
        return listening;
    }

    /**
     * The client's ends of an in-process connection: what it reads from the server and writes to it. Closing ends
     * both directions (the server's input, then the client's), so neither side waits on the other.
     */
    public record ClientEnds(InputStream in, OutputStream out, OutputStream serverOut) implements AutoCloseable {
        @Override
        public void close() {
            for (OutputStream s : new OutputStream[] {out, serverOut}) {
                try {
                    s.close();
                } catch (IOException e) {
                    // an in-memory pipe: closing cannot fail in a way that matters once the session is over
                }
            }
        }
    }

    /**
     * Serves one in-process client over a pair of {@link StreamPipe}s of {@code capacity} bytes each (not java.io's
     * Piped streams: see StreamPipe); returns the client's ends.
     */
    public static ClientEnds startInProcess(RaftLensLanguageServer server, int capacity) {
        StreamPipe toServer = new StreamPipe(capacity);
        StreamPipe toClient = new StreamPipe(capacity);
        start(server, toServer.in(), toClient.out());
        return new ClientEnds(toClient.in(), toServer.out(), toClient.out());
    }

    /** Serves the editor on stdin/stdout until {@code exit}, the end of input or the editor's death; returns the exit code. */
    public static int runStdio(InputStream in, OutputStream out, IntConsumer exit) throws Exception {
        RaftLensLanguageServer server = new RaftLensLanguageServer(exit, RaftLensLanguageServer.DEFAULT_VALIDATION_DELAY_MS);
        // SIGTERM from the editor: networks launched from it stop (and drop their data) before the JVM goes
        Thread stopNetworks = new Thread(server::clientGone, "raftlens-stop-networks");
        Runtime.getRuntime().addShutdownHook(stopNetworks);
        start(server, in, out).get();
        server.clientGone(); // before the caller exits the JVM
        return 0; // input closed without exit: the editor went away
    }

    /**
     * Listens on 127.0.0.1 and serves every client that connects, each on its own thread; {@code exit} from a
     * client ends that connection only. A client must send the header {@code X-RaftLens-Token} with its first
     * message (see {@link SocketHandshake}): any local process can connect to loopback, and a document it opens
     * makes the server read files. The token is written to {@code tokenFile} (owner-only) and the bound port and
     * the file are printed on {@code log}.
     */
    public static void serveSocket(int port, PrintStream log, Path tokenFile) throws IOException {
        ControlToken token = ControlToken.generate();
        token.writeToFile(tokenFile);
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            log.println("raftlens lsp: listening on 127.0.0.1:" + listener.getLocalPort() + "; send the header "
                    + ControlToken.HEADER + " with the token in " + tokenFile + " in the first message's headers");
            log.flush();
            serve(listener, token);
        }
    }

    /** Serves the clients of an open listener, each on its own thread, until the listener is closed. */
    public static void serve(ServerSocket listener, ControlToken token) {
        serve(listener, token, SocketHandshake.SECONDS * 1000);
    }

    /** As {@link #serve(ServerSocket, ControlToken)} with another handshake timeout (tests). */
    static void serve(ServerSocket listener, ControlToken token, int handshakeMillis) {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(MAX_CLIENTS);
        AtomicInteger n = new AtomicInteger();
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("accepting a client failed: {}", e.toString());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                LOG.warn("refusing a language client: {} are connected already", MAX_CLIENTS);
                close(socket);
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(socket, token, handshakeMillis);
                } finally {
                    slots.release();
                }
            }, "raftlens-lsp-client-" + n.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(Socket socket, ControlToken token, int handshakeMillis) {
        try (socket) {
            InputStream in = SocketHandshake.accept(socket, token, handshakeMillis);
            if (in == null) {
                return;
            }
            RaftLensLanguageServer server = new RaftLensLanguageServer(code -> close(socket),
                    RaftLensLanguageServer.DEFAULT_VALIDATION_DELAY_MS);
            start(server, in, socket.getOutputStream()).get();
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
