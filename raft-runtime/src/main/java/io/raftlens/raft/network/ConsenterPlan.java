package io.raftlens.raft.network;

import io.raftlens.raft.ids.RaftId;
import io.raftlens.raft.ids.NodeId;
import java.nio.file.Path;

/**
 * One consenter of the profile's EtcdRaft section: the node the launch runs for it ({@code id}: 1-based, consenter
 * order), Host/Port, the certificate files (resolved against the configtx.yaml folder) and where it is written
 * ({@code source}: "configtx.yaml:92") for error messages.
 */
public record ConsenterPlan(NodeId id, String host, int port, Path clientTlsCert, Path serverTlsCert, String source) {

    /**
     * Its Raft id in a channel's genesis block: configtxgen numbers the genesis consenters 1..n in this same order,
     * so it equals the node id (a consenter added later by a config update gets the channel's next_consenter_id).
     */
    public RaftId genesisRaftId() {
        return RaftId.of(id.value());
    }

    /** {@code host:port}, as Fabric names a consenter. */
    public String address() {
        return host + ":" + port;
    }
}
