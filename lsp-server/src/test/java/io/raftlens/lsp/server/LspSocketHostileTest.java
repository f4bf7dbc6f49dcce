package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.network.ControlToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * adversarial.md M7 and C1 over {@code lsp --port}: a client needs the token, clients are served concurrently,
 * and a document naming a secret file through {@code File:} never gets its content back.
 */
class LspSocketHostileTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}";

    @TempDir
    Path dir;

    private ServerSocket listener;
    private final ControlToken token = ControlToken.generate();

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> LspLauncher.serve(listener, token, 1500), "lsp-socket-under-test"); // 10 s in use
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        s.setSoTimeout(15_000);
        return s;
    }

    private static void send(OutputStream out, String extraHeader, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write((extraHeader + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads frames until one contains {@code needle}; returns everything read. */
    private static String readUntil(InputStream in, String needle) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!all.toString(StandardCharsets.UTF_8).contains(needle)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private String auth() {
        return ControlToken.HEADER + ": " + token.value() + "\r\n";
    }

    @Test
    void aClientWithoutTheTokenIsClosedUnanswered() throws Exception {
        for (String header : new String[] {"", ControlToken.HEADER + ": wrong\r\n"}) {
            try (Socket s = connect()) {
                send(s.getOutputStream(), header, String.format(INIT, 1));
                assertEquals(-1, s.getInputStream().read(), "no answer, connection closed");
            }
        }
    }

    @Test
    void clientsAreServedConcurrently() throws Exception {
        try (Socket idle = connect(); Socket stalled = connect(); Socket second = connect()) {
            send(idle.getOutputStream(), auth(), String.format(INIT, 1));
            assertTrue(readUntil(idle.getInputStream(), "capabilities").contains("capabilities"));
            stalled.getOutputStream().write("Content-Le".getBytes(StandardCharsets.US_ASCII)); // a header that never ends
            stalled.getOutputStream().flush();
            // the first stays connected and idle, the stalled one never finishes: the third is served anyway
            // (before the stalled one's handshake times out)
            send(second.getOutputStream(), auth(), String.format(INIT, 2));
            assertTrue(readUntil(second.getInputStream(), "capabilities").contains("\"id\":2"));
        }
    }

    @Test
    void anUnfinishedHandshakeIsCutAfterItsTimeout() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("Content-Le".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long t0 = System.nanoTime();
            try {
                assertEquals(-1, s.getInputStream().read());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a silent unauthenticated connection open", e);
            }
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        }
    }

    @Test
    void fileReferencesInAnOpenedDocumentAreNeverEchoed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET-over-the-socket");
        String text = "# raftlens: configtx\\nOrderer:\\n  OrdererType: {File: " + secret + "}\\n";
        try (Socket s = connect()) {
            send(s.getOutputStream(), auth(), String.format(INIT, 1));
            readUntil(s.getInputStream(), "capabilities");
            send(s.getOutputStream(), "", "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            send(s.getOutputStream(), "", "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"file:///tmp/leak/configtx.yaml\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"" + text + "\"}}}");
            String all = readUntil(s.getInputStream(), "VAL010");
            assertTrue(all.contains("VAL010") && all.contains("secret.txt"), all);
            assertFalse(all.contains("TOPSECRET"), all);
        }
    }
}
