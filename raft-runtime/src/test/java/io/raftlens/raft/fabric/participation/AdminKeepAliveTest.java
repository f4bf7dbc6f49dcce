package io.raftlens.raft.fabric.participation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.transport.DevCa;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal leaves the admin connection usable for the client's next request, over mutual TLS as osnadmin connects:
 * one raw TLS socket on 127.0.0.1 carries a refused request and then a GET. The refused request's body comes after
 * its headers; once the client has the whole first response it sends the rest of the body and, in the same TCP
 * segment, the next request (two TLS records that arrive together). A server that answers before reading the body
 * reads both records when it drains the body after the response, and the JDK's TLS layer keeps the second where the
 * server never looks: the GET went unanswered until the idle timer closed the connection, which java.net.http
 * reported as "HTTP/1.1 header parser received no bytes" (the ParticipationApiTest.fabricsRefusals flake). About 1 s.
 */
class AdminKeepAliveTest {

    @TempDir
    Path dir;

    private AdminServer server;
    private SSLContext admin;

    @BeforeEach
    void start() {
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        AdminTls tls = new AdminTls(ca.nodeMaterial("orderer1.example.com"), List.of(ca.certificate()));
        ca.nodeMaterial("admin.example.com"); // a client certificate from the same CA (server and client auth)
        Path client = dir.resolve("orderers").resolve("admin.example.com").resolve("tls");
        admin = OperationsClient.sslContext(client.resolve("ca.crt"), client.resolve("server.crt"), client.resolve("server.key"));
        server = AdminServer.start("127.0.0.1", 0, new NoChannels(), Optional.of(tls), 1 << 20);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRequestAfterARefusalWhoseBodyCameLateIsAnswered() throws Exception {
        refusalThenGet("POST", "Content-Type: application/json\r\n", "{}", 400,
                "{\"error\":\"unsupported Content-Type: [application/json]\"}\n");
    }

    @Test
    void theRequestAfterAMethodNotAllowedWithABodyIsAnswered() throws Exception {
        refusalThenGet("PATCH", "Content-Type: application/json\r\n", "{\"x\":1}", 405,
                "{\"error\":\"invalid request method: PATCH\"}\n");
    }

    private void refusalThenGet(String method, String headers, String body, int status, String error) throws Exception {
        CorkedSocket tcp = new CorkedSocket();
        tcp.connect(server.address(), 5_000);
        try (SSLSocket tls = (SSLSocket) admin.getSocketFactory().createSocket(tcp, "127.0.0.1", server.address().getPort(), true)) {
            tls.setSoTimeout(5_000);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            InputStream in = new BufferedInputStream(tls.getInputStream());
            out.write(ascii(method + " /participation/v1/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                    + "Content-Length: " + body.length() + "\r\n\r\n"));
            out.flush();
            byte[] get = ascii("GET /participation/v1/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            // a server that answers before the body has come answers now; one that reads the request first waits
            tls.setSoTimeout(300);
            Optional<Response> early = Response.readIfAny(in);
            tls.setSoTimeout(5_000);
            Response first;
            if (early.isPresent()) {
                first = early.get();
                tcp.cork(); // the rest of request 1 and request 2 in one segment: two records read together
                out.write(ascii(body));
                out.flush();
                out.write(get);
                out.flush();
                tcp.uncork();
            } else {
                out.write(ascii(body));
                out.flush();
                first = Response.read(in);
                out.write(get);
                out.flush();
            }
            assertEquals(status, first.status(), first.body());
            assertEquals(error, first.body());
            assertFalse("close".equalsIgnoreCase(first.headers().get("connection")), first.headers().toString());

            Response second;
            try {
                second = Response.read(in);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the GET after the refusal was not answered on the same connection", e);
            }
            assertEquals(200, second.status(), second.body());
            assertEquals("{\"systemChannel\":null,\"channels\":null}\n", second.body());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An HTTP/1.1 response with a Content-Length body, read byte by byte off the TLS stream. */
    private record Response(int status, Map<String, String> headers, String body) {

        static Optional<Response> readIfAny(InputStream in) throws IOException {
            try {
                return Optional.of(read(in));
            } catch (SocketTimeoutException nothingYet) {
                return Optional.empty(); // no byte had arrived: the stream is still usable
            }
        }

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h; !(h = line(in)).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }

    /**
     * A TCP socket whose writes can be held and sent in one write, so that TLS records written one after the other
     * reach the server together. The TLS socket layered over it writes through {@link #getOutputStream()}.
     */
    private static final class CorkedSocket extends Socket {
        private final Object lock = new Object();
        private ByteArrayOutputStream held;
        private OutputStream corkable;

        @Override
        public OutputStream getOutputStream() throws IOException {
            synchronized (lock) {
                if (corkable == null) {
                    OutputStream raw = super.getOutputStream();
                    corkable = new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            synchronized (lock) {
                                if (held != null) {
                                    held.write(b, off, len);
                                } else {
                                    raw.write(b, off, len);
                                }
                            }
                        }

                        @Override
                        public void flush() throws IOException {
                            synchronized (lock) {
                                if (held == null) {
                                    raw.flush();
                                }
                            }
                        }
                    };
                }
                return corkable;
            }
        }

        void cork() {
            synchronized (lock) {
                held = new ByteArrayOutputStream();
            }
        }

        void uncork() throws IOException {
            byte[] b;
            synchronized (lock) {
                b = held.toByteArray();
                held = null;
            }
            OutputStream raw = super.getOutputStream();
            raw.write(b);
            raw.flush();
        }
    }
}
