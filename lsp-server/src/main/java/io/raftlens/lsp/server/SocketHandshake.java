package io.raftlens.lsp.server;

import io.raftlens.raft.network.ControlToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first message on an {@code lsp --port} connection must carry the header {@code X-RaftLens-Token: TOKEN}
 * next to its {@code Content-Length} (LSP's base protocol allows other headers). The header block is read
 * here, within {@value #SECONDS} s and {@value #MAX_HEADER} bytes, the token checked, and the block handed on
 * without the token line. Without it the connection is closed before the server reads anything for it: an
 * unauthenticated local process could otherwise open a document naming any file and read back what the
 * diagnostics say about it (adversarial.md C1, M7).
 */
final class SocketHandshake {

    private static final Logger LOG = LoggerFactory.getLogger(SocketHandshake.class);
    static final int SECONDS = 10;
    static final int MAX_HEADER = 8192;

    private SocketHandshake() {
    }

    /** The client's input with the token line removed, or null (connection to be closed) without a valid token. */
    static InputStream accept(Socket socket, ControlToken token, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream raw = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int state = 0; // matched characters of \r\n\r\n
            while (state < 4) {
                int c = raw.read();
                if (c < 0) {
                    return null;
                }
                head.write(c);
                if (head.size() > MAX_HEADER) {
                    LOG.warn("language client refused: no end of headers within {} bytes", MAX_HEADER);
                    return null;
                }
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                        : c == '\r' ? 1 : 0;
            }
        } catch (SocketTimeoutException e) {
            LOG.warn("language client refused: no complete first message header within {} ms", timeoutMillis);
            return null;
        }
        StringBuilder kept = new StringBuilder();
        String given = null;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals(ControlToken.HEADER.toLowerCase(Locale.ROOT))) {
                given = line.substring(colon + 1).trim();
            } else if (!line.isEmpty()) {
                kept.append(line).append("\r\n");
            }
        }
        kept.append("\r\n");
        if (given == null || !token.accepts(given, null)) {
            LOG.warn("language client refused: {} header {}", ControlToken.HEADER, given == null ? "missing" : "wrong");
            return null;
        }
        socket.setSoTimeout(0); // an editor may stay idle for hours
        return new SequenceInputStream(new ByteArrayInputStream(kept.toString().getBytes(StandardCharsets.ISO_8859_1)), raw);
    }
}
