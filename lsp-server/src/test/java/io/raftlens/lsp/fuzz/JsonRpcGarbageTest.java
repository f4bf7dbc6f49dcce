package io.raftlens.lsp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.raftlens.lsp.server.LspLauncher;
import io.raftlens.lsp.server.RaftLensLanguageServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Garbage and truncated frames on the JSON-RPC stream: each malformed request that has an id gets an error
 * response, and the server keeps answering well-formed requests on the same stream and new connections.
 */
@Timeout(60)
class JsonRpcGarbageTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}";

    @Test
    void malformedFramesGetErrorsAndTheServerKeepsServingTheStream() throws Exception {
        LspLauncher.ClientEnds ends = LspLauncher.startInProcess(new RaftLensLanguageServer(code -> { }, 50), 1 << 20);
        OutputStream client = ends.out();
        BlockingQueue<JsonObject> replies = reader(ends.in());

        frame(client, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":\"not an object\"}");
        assertError(replies, 1);
        frame(client, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"raftlens/noSuchMethod\",\"params\":{}}");
        assertEquals(-32601, assertError(replies, 2), "method not found");
        frame(client, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{\"processId\":\"x\",\"capabilities\":[1,2]}}");
        assertError(replies, 3);
        frame(client, "this is not JSON at all {{{");
        frame(client, "{\"foo\": 1}");
        frame(client, "[1,2,3]");
        frame(client, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":");
        raw(client, "Garbage-Header-Without-Colon\r\n\r\n");
        raw(client, "Content-Length: banana\r\n\r\n");
        raw(client, "Content-Length: -5\r\n\r\n");
        raw(client, new String(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\r', '\n', '\r', '\n'}, StandardCharsets.ISO_8859_1));
        byte[] badUtf8 = ("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"x" + (char) 0xC3 + (char) 0x28 + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        raw(client, "Content-Length: " + badUtf8.length + "\r\n\r\n");
        client.write(badUtf8);
        // a frame cut short: its Content-Length swallows the start of what follows, then the stream resynchronises
        raw(client, "Content-Length: 60\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":6,\"met");
        raw(client, " ".repeat(60) + "\r\n");
        client.flush();

        // the server is still up: a well-formed request is answered (retry once in case the resync ate the first)
        JsonObject ok = null;
        for (int id = 100; id < 103 && ok == null; id++) {
            frame(client, String.format(INIT, id));
            ok = awaitResult(replies, id);
        }
        assertNotNull(ok, "no answer to initialize after the garbage");
        assertTrue(ok.getAsJsonObject("result").has("capabilities"), ok.toString());
    }

    @Test
    void aConnectionCutMidFrameDoesNotStopTheSocketServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            io.raftlens.raft.network.ControlToken token = io.raftlens.raft.network.ControlToken.generate();
            Thread server = new Thread(() -> LspLauncher.serve(listener, token), "lsp-socket");
            server.setDaemon(true);
            server.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                raw(s.getOutputStream(), "X-RaftLens-Token: " + token.value()
                        + "\r\nContent-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initia");
                s.getOutputStream().flush();
            } // cut mid-frame
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                BlockingQueue<JsonObject> replies = reader(s.getInputStream());
                raw(s.getOutputStream(), "X-RaftLens-Token: " + token.value() + "\r\n");
                frame(s.getOutputStream(), String.format(INIT, 7));
                JsonObject ok = awaitResult(replies, 7);
                assertNotNull(ok, "the next client is served");
            }
            assertTrue(server.isAlive(), "the socket server still accepts");
        }
    }

    private static int assertError(BlockingQueue<JsonObject> replies, int id) throws InterruptedException {
        JsonObject r = awaitReply(replies, id);
        assertNotNull(r, "no reply to request " + id);
        assertTrue(r.has("error"), "request " + id + " answered with an error: " + r);
        assertFalse(r.has("result") && !r.get("result").isJsonNull(), r.toString());
        return r.getAsJsonObject("error").get("code").getAsInt();
    }

    private static JsonObject awaitResult(BlockingQueue<JsonObject> replies, int id) throws InterruptedException {
        JsonObject r = awaitReply(replies, id);
        return r != null && r.has("result") ? r : null;
    }

    private static JsonObject awaitReply(BlockingQueue<JsonObject> replies, int id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonObject r = replies.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.has("id") && !r.get("id").isJsonNull() && r.get("id").getAsString().equals(Integer.toString(id))) {
                return r;
            }
        }
        return null;
    }

    /** Reads LSP frames from the server; everything it sends must be well-formed JSON-RPC. */
    private static BlockingQueue<JsonObject> reader(InputStream in) {
        BlockingQueue<JsonObject> out = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    int length = -1;
                    String line;
                    while (!(line = readLine(in)).isEmpty()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    out.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
                }
            } catch (IOException | RuntimeException e) {
                // stream closed
            }
        }, "jsonrpc-reader");
        t.setDaemon(true);
        t.start();
        return out;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static void frame(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void raw(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
