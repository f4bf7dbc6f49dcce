package io.raftlens.raft.network;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Each node's admin endpoint (orderer.yaml {@code Admin}, {@code ChannelParticipation}) where the channel
 * participation API is served, as the nodes of a launch share one orderer.yaml: node i (0-based) listens on
 * 127.0.0.1 at {@code adminBasePort + i}, serving its own TLS certificate.
 *
 * @param adminBasePort      Admin.ListenAddress port of the first node; 0 gives every node an ephemeral port
 * @param tls                Admin.TLS.Enabled (then client certificates are required, as Fabric insists)
 * @param clientRootCAs      Admin.TLS.ClientRootCAs; empty: the CAs the node trusts for cluster TLS (the orderer
 *                           organizations' TLS CAs)
 * @param maxRequestBodySize ChannelParticipation.MaxRequestBodySize
 * @param tickOverride       {@code --tick} or Consensus.TickIntervalOverride, applied to channels joined at run
 *                           time as Fabric applies it to every channel; null when not set
 */
public record ParticipationPlan(int adminBasePort, boolean tls, List<Path> clientRootCAs, long maxRequestBodySize,
                                Duration tickOverride) {

    /** Fabric's sample Admin.ListenAddress port. */
    public static final int DEFAULT_ADMIN_PORT = 9443;
    /** Fabric's default ChannelParticipation.MaxRequestBodySize. */
    public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 1024 * 1024;

    public ParticipationPlan {
        clientRootCAs = List.copyOf(clientRootCAs);
    }

    /** Without an orderer.yaml: mutual TLS on 9443 + i, or ephemeral ports when the operations ports are (tests). */
    public static ParticipationPlan defaults(int opsBasePort) {
        return new ParticipationPlan(opsBasePort == 0 ? 0 : DEFAULT_ADMIN_PORT, true, List.of(),
                DEFAULT_MAX_REQUEST_BODY_SIZE, null);
    }

    /** The admin port of node {@code index} (0-based), 0 for an ephemeral one. */
    public int adminPort(int index) {
        return adminBasePort == 0 ? 0 : adminBasePort + index;
    }

    /**
     * The admin TLS of a node serving its own TLS identity {@code node}: client certificates must chain to
     * {@link #clientRootCAs}, or to the CAs the node trusts for cluster TLS when none are configured. Empty when
     * Admin.TLS is disabled.
     */
    public java.util.Optional<io.raftlens.raft.fabric.participation.AdminTls> tlsFor(io.raftlens.raft.transport.TlsMaterial node) {
        if (!tls) {
            return java.util.Optional.empty();
        }
        List<java.security.cert.X509Certificate> roots = new java.util.ArrayList<>();
        for (Path ca : clientRootCAs) {
            roots.addAll(io.raftlens.raft.transport.Pem.readCertificates(ca));
        }
        return java.util.Optional.of(new io.raftlens.raft.fabric.participation.AdminTls(node, roots.isEmpty() ? node.trustedRoots() : roots));
    }

    public ParticipationPlan withTickOverride(Duration tick) {
        return new ParticipationPlan(adminBasePort, tls, clientRootCAs, maxRequestBodySize, tick);
    }

    public ParticipationPlan withAdminBasePort(int port) {
        return new ParticipationPlan(port, tls, clientRootCAs, maxRequestBodySize, tickOverride);
    }
}
