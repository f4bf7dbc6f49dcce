package io.raftlens.raft.node;

import io.raftlens.raft.transport.PeerEndpoint;
import io.raftlens.raft.transport.TlsMaterial;

import org.hyperledger.fabric.protos.common.Block;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One consenter, resolved: its Raft id and host, where it listens, its TLS identity, the other consenters it
 * dials, each channel's consenter certificates (who may join) and chain options, and its directories.
 *
 * @param genesisBlocks each channel's block 0, identical on every consenter
 * @param dataDir  the node's own folder ({@code DATA_DIR/<host>/}); ledgers live under {@code dataDir/ledger/<channel>}
 * @param walDir   WAL root; each channel gets {@code walDir/<channel>} (orderer.yaml Consensus.WALDir)
 * @param snapDir  snapshot root; each channel gets {@code snapDir/<channel>} (Consensus.SnapDir)
 * @param rpcTimeout General.Cluster.RPCTimeout: how long a follower waits to hand a transaction to the leader
 */
public record NodeSpec(long id, String host, String listenHost, int port, TlsMaterial tls,
                       List<PeerEndpoint> peers, Map<String, Map<Long, X509Certificate>> channelMembers,
                       Map<String, ChainOptions> channels, Map<String, Block> genesisBlocks, Path dataDir,
                       Path walDir, Path snapDir, int sendBufferSize, java.time.Duration rpcTimeout) {

    public NodeSpec {
        peers = List.copyOf(peers);
        channelMembers = Map.copyOf(channelMembers);
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
        genesisBlocks = Map.copyOf(genesisBlocks);
        if (rpcTimeout == null || rpcTimeout.isZero() || rpcTimeout.isNegative()) {
            rpcTimeout = java.time.Duration.ofSeconds(7); // Fabric's default
        }
    }

    /** A node with Fabric's default RPCTimeout (7 s). */
    public NodeSpec(long id, String host, String listenHost, int port, TlsMaterial tls,
                    List<PeerEndpoint> peers, Map<String, Map<Long, X509Certificate>> channelMembers,
                    Map<String, ChainOptions> channels, Map<String, Block> genesisBlocks, Path dataDir,
                    Path walDir, Path snapDir, int sendBufferSize) {
        this(id, host, listenHost, port, tls, peers, channelMembers, channels, genesisBlocks, dataDir, walDir, snapDir,
                sendBufferSize, null);
    }

    /** {@code host:port} as Fabric names a consenter in messages. */
    public String address() {
        return host + ":" + port;
    }
}
