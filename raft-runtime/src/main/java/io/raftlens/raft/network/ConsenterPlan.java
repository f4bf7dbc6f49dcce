package io.raftlens.raft.network;

import java.nio.file.Path;

/**
 * One consenter of the profile's EtcdRaft section: Raft id (1-based, consenter order, as Fabric's genesis assigns
 * them), Host/Port, the certificate files (resolved against the configtx.yaml folder) and where it is written
 * ({@code source}: "configtx.yaml:92") for error messages.
 */
public record ConsenterPlan(long id, String host, int port, Path clientTlsCert, Path serverTlsCert, String source) {

    /** {@code host:port}, as Fabric names a consenter. */
    public String address() {
        return host + ":" + port;
    }
}
