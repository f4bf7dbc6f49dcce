package io.raftlens.raft.fabric.participation;

import com.sun.net.httpserver.HttpServer;
import io.raftlens.raft.http.HttpServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An orderer's admin endpoint ({@code Admin.ListenAddress}): the channel participation API under
 * {@code /participation/v1/}, over mutual TLS when {@code Admin.TLS.Enabled} (as Fabric's admin server), plain HTTP
 * otherwise.
 */
public final class AdminServer implements AutoCloseable {

    private final HttpServer server;
    private final boolean tls;

    private AdminServer(HttpServer server, boolean tls) {
        this.server = server;
        this.tls = tls;
    }

    /**
     * Binds {@code host:port} (0 = any free port) and serves {@code registrar}.
     *
     * @param tls empty for plain HTTP (Admin.TLS.Enabled false)
     * @throws IllegalStateException with the address when it cannot be bound
     */
    public static AdminServer start(String host, int port, ChannelManagement registrar, Optional<AdminTls> tls,
                                    long maxRequestBodySize) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            HttpServer server = tls.isPresent()
                    ? HttpServers.createHttps(address, "raftlens-admin", tls.get().sslContext(), true)
                    : HttpServers.create(address, "raftlens-admin");
            server.createContext("/", new ParticipationHandler(registrar, maxRequestBodySize));
            server.start();
            return new AdminServer(server, tls.isPresent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve the admin endpoint (channel participation API) on " + host + ":" + port
                    + ": " + e.getMessage() + " (change Admin.ListenAddress)", e);
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code https://127.0.0.1:PORT} (or http), what osnadmin's {@code -o} takes. */
    public String url() {
        return (tls ? "https://" : "http://") + address().getHostString() + ":" + address().getPort();
    }

    @Override
    public void close() {
        HttpServers.stop(server);
    }
}
