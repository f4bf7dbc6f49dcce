package io.raftlens.raft.transport;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Where to dial a consenter.
 *
 * @param id         the consenter's Raft node id
 * @param host       the consenter's Host from configtx.yaml, used as TLS server name and in logs and metrics
 * @param port       the consenter's Port
 * @param dialHost   the address actually dialed (a launch maps every host to 127.0.0.1), usually {@code host}
 * @param serverCert the consenter's ServerTLSCert if known: the dialed server must present exactly this
 *                   certificate (Fabric pins it the same way); null to rely on the CA alone
 */
public record PeerEndpoint(long id, String host, int port, String dialHost, X509Certificate serverCert) {
    public PeerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dialHost, "dialHost");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("consenter " + host + " has invalid port " + port);
        }
    }

    public PeerEndpoint(long id, String host, int port) {
        this(id, host, port, host, null);
    }

    /** {@code host:port}, the form Fabric uses for the {@code host} label of cluster metrics. */
    public String address() {
        return host + ":" + port;
    }
}
