package io.raftlens.raft.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates JDK HTTP servers that a few idle connections cannot freeze. The JDK server reads a request's line,
 * headers and body on an executor thread, so a client that sends one byte and stops holds that thread: with
 * two workers, two such clients stopped the control API and every operations endpoint (adversarial.md H1).
 * Here each server has {@value #WORKERS} workers (started on demand, gone when idle) and the JDK's own request
 * timeout, {@code sun.net.httpserver.maxReqTime}, closes a connection that has not delivered its whole request
 * within {@value #REQUEST_SECONDS} s. Responses are not timed (event streams are long-lived).
 */
public final class HttpServers {

    /** Workers per server: far more than the clients a local API has, so stalled connections leave room. */
    public static final int WORKERS = 32;
    /** Seconds a client has to send its whole request (a 100 MB body on loopback takes well under one). */
    public static final int REQUEST_SECONDS = 10;
    /**
     * A request that waited longer than this for a worker is refused: its client has likely given up. 5 s; a test
     * that shortens the request timeout shortens this with it ({@code -Draftlens.http.staleMillis}).
     */
    public static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("raftlens.http.staleMillis", 5_000));

    private static final ThreadLocal<Long> QUEUED_AT = new ThreadLocal<>();

    static {
        // read once, when the JDK server's configuration class loads: set before the first HttpServer.create
        // (the static initializer of this class runs first), and only when the user has not chosen a value
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        }
    }

    private HttpServers() {
    }

    /** The request timeout in force in this JVM, in seconds: {@value #REQUEST_SECONDS} unless the user set another. */
    public static int requestSeconds() {
        return Integer.getInteger("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
    }

    /**
     * Binds {@code address} and gives the server its worker pool ({@code threadName}-N threads). The caller adds
     * contexts and starts it; {@link #stop} stops both.
     */
    public static HttpServer create(InetSocketAddress address, String threadName) throws IOException {
        return withPool(HttpServer.create(address, 64), threadName);
    }

    /**
     * As {@link #create(InetSocketAddress, String)} over TLS with {@code ssl}; when {@code needClientAuth}, a client
     * without a certificate that chains to the context's trusted roots fails the handshake (mutual TLS).
     */
    public static HttpServer createHttps(InetSocketAddress address, String threadName, javax.net.ssl.SSLContext ssl,
                                         boolean needClientAuth) throws IOException {
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(address, 64);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        return withPool(server, threadName);
    }

    private static HttpServer withPool(HttpServer server, String threadName) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                r -> {
                    Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy()) {
            @Override
            public void execute(Runnable command) {
                long queued = System.nanoTime();
                super.execute(() -> {
                    QUEUED_AT.set(queued);
                    try {
                        command.run();
                    } finally {
                        QUEUED_AT.remove();
                    }
                });
            }
        };
        pool.allowCoreThreadTimeOut(true);
        server.setExecutor(pool);
        return server;
    }

    /** Stops the server at once and its workers. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ThreadPoolExecutor pool) {
            pool.shutdownNow();
        }
    }

    /**
     * How long the exchange being handled on this thread waited for a worker, in nanoseconds (0 when unknown).
     * Handlers refuse state-changing requests that waited more than {@link #STALE_NANOS}: a client with a timeout
     * has given up by then, and acting on its request later (a kill, a stop) surprises everyone.
     */
    public static long queuedNanos() {
        Long at = QUEUED_AT.get();
        return at == null ? 0 : System.nanoTime() - at;
    }
}
