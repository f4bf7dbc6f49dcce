package io.raftlens.lsp.live;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.raftlens.lsp.server.LspLauncher;
import io.raftlens.lsp.server.RaftLensLanguageServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CodeLensWorkspaceCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintWorkspaceCapabilities;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An LSP4J client on piped streams to a fresh server, recording what the server pushes: diagnostics,
 * messages, networkStatus, and refresh requests (which wake up the bounded waits).
 */
public final class LiveClient implements RaftLensClient, AutoCloseable {

    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<NetworkStatus> statuses = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> wakeUps = new LinkedBlockingQueue<>();
    private volatile PublishDiagnosticsParams lastDiagnostics;
    private volatile boolean died;
    final LanguageServer server;
    private final OutputStream clientOut;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    public LiveClient() throws Exception {
        RaftLensLanguageServer impl = new RaftLensLanguageServer(exitCode::complete, 20);
        LspLauncher.ClientEnds ends = LspLauncher.startInProcess(impl, 1 << 16);
        clientOut = ends.out();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this, ends.in(), clientOut);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setCodeLens(new CodeLensWorkspaceCapabilities(true));
        ws.setInlayHint(new InlayHintWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        init.setCapabilities(caps);
        server.initialize(init).get(20, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    public void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", 1, text)));
    }

    /** Runs a command; the result as JSON (a Markdown string comes back as a JSON string). */
    public com.google.gson.JsonElement execute(String command, Map<String, Object> argument) throws Exception {
        Object r;
        try {
            r = server.getWorkspaceService().executeCommand(new ExecuteCommandParams(command, List.of(argument)))
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // a hang explains itself: who holds what, and where each thread waits
            throw new AssertionError(command + " did not answer within 60 s\n" + ThreadDump.all(), e);
        }
        return r instanceof com.google.gson.JsonElement e ? e : new com.google.gson.Gson().toJsonTree(r);
    }

    public JsonObject executeOk(String command, Map<String, Object> argument) throws Exception {
        JsonObject o = execute(command, argument).getAsJsonObject();
        if (o.has("error")) {
            throw new AssertionError(command + " failed: " + o.get("error").getAsString());
        }
        return o;
    }

    public List<? extends CodeLens> lenses(String uri) throws Exception {
        return server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get(20, TimeUnit.SECONDS);
    }

    /** Queries lenses until {@code ok} holds (re-asking on every refresh request), at most {@code millis}. */
    public List<? extends CodeLens> awaitLenses(String uri, long millis, String what, Predicate<List<? extends CodeLens>> ok) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<? extends CodeLens> last = List.of();
        while (System.nanoTime() < deadline) {
            last = lenses(uri);
            if (ok.test(last)) {
                return last;
            }
            wakeUps.poll(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))), TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("within " + millis + " ms no code lenses showing " + what + "; last: "
                + last.stream().map(l -> l.getCommand().getTitle()).toList());
    }

    /** Waits for published diagnostics of {@code uri} that satisfy {@code ok}. */
    PublishDiagnosticsParams awaitDiagnostics(String uri, long millis, String what, Predicate<PublishDiagnosticsParams> ok)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        PublishDiagnosticsParams last = lastDiagnostics;
        if (last != null && last.getUri().equals(uri) && ok.test(last)) {
            return last;
        }
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams p = diagnostics.poll(50, TimeUnit.MILLISECONDS);
            if (p != null && p.getUri().equals(uri)) {
                last = p;
                if (ok.test(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("within " + millis + " ms no diagnostics with " + what + "; last: "
                + (last == null ? "none" : last.getDiagnostics().stream().map(d -> d.getSource() + ": " + d.getMessage().getLeft()).toList()));
    }

    @Override
    public void networkStatus(NetworkStatus status) {
        statuses.add(status);
        wakeUps.add("status");
    }

    @Override
    public CompletableFuture<Void> refreshCodeLenses() {
        wakeUps.add("codeLens");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshInlayHints() {
        wakeUps.add("inlayHint");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        lastDiagnostics = params;
        diagnostics.add(params);
    }

    @Override
    public void showMessage(MessageParams messageParams) {
        messages.add(messageParams);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
    }

    /** The editor goes away without shutdown or exit: its end of the pipe closes. */
    public void die() throws IOException {
        died = true;
        clientOut.close();
    }

    /** shutdown + exit, then the streams close. */
    @Override
    public void close() throws Exception {
        if (died || exitCode.isDone()) {
            return;
        }
        try {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
                server.exit();
                exitCode.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("shutdown/exit did not complete within 30 s\n" + ThreadDump.all(), e);
            }
        } finally {
            try {
                clientOut.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /**
     * A copy of samples/five-orderers/configtx.yaml in {@code dir} whose consenters listen on {@code basePort}+0..4
     * and whose certificates are the sample's (absolute paths).
     */
    public static Path fiveOrderers(Path dir, int basePort) throws IOException {
        Path sample = sampleDir();
        String text = Files.readString(sample.resolve("configtx.yaml"));
        int[] ports = {7050, 8050, 9050, 10050, 11050};
        for (int i = 0; i < ports.length; i++) {
            text = text.replace("Port: " + ports[i] + "\n", "Port: " + (basePort + i) + "\n");
        }
        text = text.replace(" crypto/", " " + sample.resolve("crypto").toAbsolutePath() + "/");
        Path out = dir.resolve("configtx.yaml");
        Files.writeString(out, text);
        return out;
    }

    /**
     * {@code blocks} distinct blocks of {@code size} consecutive ports, each free on the loopback address right now
     * (all probed by binding them at once, then released); the first port of each block. Bases are drawn below
     * Linux's ephemeral range (32768–60999), so an outgoing connection does not take one meanwhile.
     */
    public static int[] freePortBlocks(int blocks, int size) {
        java.util.List<java.net.ServerSocket> held = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random();
        int[] out = new int[blocks];
        try {
            for (int b = 0; b < blocks; b++) {
                for (int attempt = 0; ; attempt++) {
                    if (attempt == 200) {
                        throw new IllegalStateException("no " + size + " consecutive free loopback ports in 20000–32000");
                    }
                    int base = 20_000 + random.nextInt(12_000 - size);
                    java.util.List<java.net.ServerSocket> block = new java.util.ArrayList<>();
                    try {
                        for (int i = 0; i < size; i++) {
                            java.net.ServerSocket s = new java.net.ServerSocket();
                            block.add(s);
                            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), base + i));
                        }
                        held.addAll(block);
                        out[b] = base;
                        break;
                    } catch (IOException inUse) {
                        for (java.net.ServerSocket s : block) {
                            s.close();
                        }
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (java.net.ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // released
                }
            }
        }
    }

    private static Path sampleDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples/five-orderers"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("samples/five-orderers not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("samples/five-orderers");
    }

    static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }
}
