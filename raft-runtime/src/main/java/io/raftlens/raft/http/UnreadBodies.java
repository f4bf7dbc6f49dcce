package io.raftlens.raft.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * What Go's net/http server does with the part of a request body its handler did not read, before it writes the
 * response header ({@code chunkWriter.writeHeader} in net/http/server.go): up to {@value #DISCARD_LIMIT} bytes are
 * read and discarded, so that the connection carries the client's next request; a longer rest, or a body that cannot
 * be read, makes the response say {@code Connection: close}, and the JDK server closes the connection after it.
 *
 * <p>Why before the reply and not after: the JDK server drains an unread body only once the response has been
 * flushed, when a keep-alive client may already have sent its next request. Over TLS its {@code SSLStreams} then
 * reads that request's record from the socket together with the body's and keeps it in a buffer the selector does not
 * see; the next request is never answered, the idle timer closes the connection, and the client fails with "HTTP/1.1
 * header parser received no bytes" (the {@code ParticipationApiTest} flake). Reading the whole request before
 * replying means nothing is read from the socket once the response is out.
 */
public final class UnreadBodies {

    /** Go's {@code maxPostHandlerReadBytes}: 256 KB. */
    public static final long DISCARD_LIMIT = 256 << 10;

    private UnreadBodies() {
    }

    /**
     * Call before {@code sendResponseHeaders}: reads the rest of {@code ex}'s request body (none left is the common
     * case: one read that returns -1), or, when more than {@value #DISCARD_LIMIT} bytes are left or reading fails,
     * sets {@code Connection: close} on the response. Does nothing when the response already says
     * {@code Connection: close}.
     */
    public static void discardBeforeReply(HttpExchange ex) {
        if (closesConnection(ex)) {
            return;
        }
        byte[] buf = new byte[8192];
        long left = DISCARD_LIMIT + 1;
        try {
            InputStream in = ex.getRequestBody();
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // a closed stream or a broken body: whatever is left on the wire must not be read as the next request
        }
        closeAfterReply(ex);
    }

    /**
     * Go's {@code requestTooLarge}: the handler stopped reading the body at its limit, so the connection cannot carry
     * another request; the response says so.
     */
    public static void closeAfterReply(HttpExchange ex) {
        ex.getResponseHeaders().set("Connection", "close");
    }

    private static boolean closesConnection(HttpExchange ex) {
        String c = ex.getResponseHeaders().getFirst("Connection");
        return c != null && c.equalsIgnoreCase("close");
    }
}
