package io.raftlens.config.model.orderer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code General.Cluster}: how this orderer talks to the other consenters. With ListenAddress,
 * ListenPort, ServerCertificate and ServerPrivateKey set the node runs a separate intra-cluster
 * listener; with none of them it reuses the general listener (which then must use TLS).
 */
public final class Cluster extends Section {

    /** The four keys Fabric wants all set or all unset. */
    public static final List<String> LISTENER_KEYS = List.of("ListenAddress", "ListenPort", "ServerCertificate", "ServerPrivateKey");

    private final General general;

    Cluster(General general) {
        super(general.child("Cluster"), "General.Cluster", general.folder());
        this.general = general;
    }

    /** True when any of the four listener keys is set (Fabric then requires all four). */
    public boolean hasSeparateListener() {
        return LISTENER_KEYS.stream().anyMatch(this::isSet);
    }

    public Optional<String> listenAddress() {
        return text("ListenAddress");
    }

    public OptionalInt listenPort() {
        var p = integer("ListenPort");
        return p.isPresent() && p.getAsLong() > 0 && p.getAsLong() <= 65535 ? OptionalInt.of((int) p.getAsLong()) : OptionalInt.empty();
    }

    /** Not resolved against the file's folder (Fabric does not translate this path). */
    public Optional<Path> serverCertificate() {
        return path("ServerCertificate", false);
    }

    /** Not resolved against the file's folder (Fabric does not translate this path). */
    public Optional<Path> serverPrivateKey() {
        return path("ServerPrivateKey", false);
    }

    /** The client certificate for connecting to other consenters: Cluster.ClientCertificate, else General.TLS.Certificate. */
    public Optional<Path> clientCertificate() {
        return path("ClientCertificate", true).or(() -> general.tls().certificate());
    }

    /** Cluster.ClientPrivateKey, else General.TLS.PrivateKey. */
    public Optional<Path> clientPrivateKey() {
        return path("ClientPrivateKey", true).or(() -> general.tls().privateKey());
    }

    public List<Path> rootCAs() {
        return paths("RootCAs", true);
    }

    /**
     * Where other consenters reach this node's cluster service: the separate listener when configured,
     * else the general listener. A consenter's Port in configtx.yaml must equal this port.
     */
    public HostPort endpoint() {
        if (hasSeparateListener() && listenPort().isPresent()) {
            return new HostPort(listenAddress().orElse(""), listenPort().getAsInt());
        }
        return general.listenEndpoint();
    }

    /** Maximum messages in the egress buffer (default 100). */
    public int sendBufferSize() {
        return (int) integer("SendBufferSize").orElse(100);
    }

    public Duration dialTimeout() {
        return duration("DialTimeout").filter(d -> !d.isZero()).orElse(Duration.ofSeconds(5));
    }

    public Duration rpcTimeout() {
        return duration("RPCTimeout").filter(d -> !d.isZero()).orElse(Duration.ofSeconds(7));
    }
}
