package io.raftlens.raft.network;

import io.raftlens.raft.node.ChainOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A network to launch, resolved from configtx.yaml (+ orderer.yaml): its consenters, each channel's options
 * (TickIntervalOverride already applied) and the orderer.yaml settings the nodes share.
 *
 * @param opsListenHost  Operations.ListenAddress host (default 127.0.0.1)
 * @param opsBasePort    operations port of the first node; node i (0-based) uses {@code opsBasePort + i};
 *                       0 gives every node an ephemeral port
 * @param walDir         Consensus.WALDir or null (relative: under each node's data folder)
 * @param snapDir        Consensus.SnapDir or null
 * @param participation  each node's admin endpoint (the channel participation API)
 * @param channelBlocks  channels that start from an existing genesis block (configtxgen's output, given with
 *                       {@code --config-block}) instead of one encoded from the profile: channel id → block 0
 * @param rpcTimeout     General.Cluster.RPCTimeout: how long a follower waits to hand a transaction to the leader
 */
public record NetworkPlan(Path configtx, String profile, List<ConsenterPlan> consenters,
                          Map<String, ChainOptions> channels, String opsListenHost, int opsBasePort,
                          String walDir, String snapDir, int sendBufferSize,
                          Map<String, org.hyperledger.fabric.protos.common.Block> channelBlocks,
                          ParticipationPlan participation, java.time.Duration rpcTimeout) {

    public NetworkPlan {
        consenters = List.copyOf(consenters);
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
        channelBlocks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channelBlocks));
        if (participation == null) {
            participation = ParticipationPlan.defaults(opsBasePort);
        }
        if (rpcTimeout == null || rpcTimeout.isZero() || rpcTimeout.isNegative()) {
            rpcTimeout = DEFAULT_RPC_TIMEOUT;
        }
    }

    /** Fabric's default General.Cluster.RPCTimeout. */
    public static final java.time.Duration DEFAULT_RPC_TIMEOUT = java.time.Duration.ofSeconds(7);

    /** A plan with Fabric's default RPCTimeout. */
    public NetworkPlan(Path configtx, String profile, List<ConsenterPlan> consenters,
                       Map<String, ChainOptions> channels, String opsListenHost, int opsBasePort,
                       String walDir, String snapDir, int sendBufferSize,
                       Map<String, org.hyperledger.fabric.protos.common.Block> channelBlocks,
                       ParticipationPlan participation) {
        this(configtx, profile, consenters, channels, opsListenHost, opsBasePort, walDir, snapDir, sendBufferSize,
                channelBlocks, participation, DEFAULT_RPC_TIMEOUT);
    }

    /** This plan with General.Cluster.RPCTimeout {@code timeout}. */
    public NetworkPlan withRpcTimeout(java.time.Duration timeout) {
        return new NetworkPlan(configtx, profile, consenters, channels, opsListenHost, opsBasePort, walDir, snapDir,
                sendBufferSize, channelBlocks, participation, timeout);
    }

    /** A plan with the default admin endpoints ({@link ParticipationPlan#defaults}). */
    public NetworkPlan(Path configtx, String profile, List<ConsenterPlan> consenters,
                       Map<String, ChainOptions> channels, String opsListenHost, int opsBasePort,
                       String walDir, String snapDir, int sendBufferSize,
                       Map<String, org.hyperledger.fabric.protos.common.Block> channelBlocks) {
        this(configtx, profile, consenters, channels, opsListenHost, opsBasePort, walDir, snapDir, sendBufferSize,
                channelBlocks, null);
    }

    public NetworkPlan withParticipation(ParticipationPlan p) {
        return new NetworkPlan(configtx, profile, consenters, channels, opsListenHost, opsBasePort, walDir, snapDir,
                sendBufferSize, channelBlocks, p, rpcTimeout);
    }

    /** A plan whose every channel's genesis block is encoded from the profile. */
    public NetworkPlan(Path configtx, String profile, List<ConsenterPlan> consenters,
                       Map<String, ChainOptions> channels, String opsListenHost, int opsBasePort,
                       String walDir, String snapDir, int sendBufferSize) {
        this(configtx, profile, consenters, channels, opsListenHost, opsBasePort, walDir, snapDir, sendBufferSize, Map.of());
    }

    /** The plan with every channel on this etcd raft release ({@code --fabric-version}). */
    public NetworkPlan withEtcdRaftVersion(io.raftlens.raft.core.EtcdRaftVersion version) {
        Map<String, ChainOptions> on = new java.util.LinkedHashMap<>();
        channels.forEach((name, options) -> on.put(name, options.withEtcdRaftVersion(version)));
        return new NetworkPlan(configtx, profile, consenters, on, opsListenHost, opsBasePort, walDir, snapDir,
                sendBufferSize, channelBlocks, participation);
    }

    /** The etcd raft release the nodes run (every channel of a launch runs the same one). */
    public io.raftlens.raft.core.EtcdRaftVersion etcdRaftVersion() {
        return channels.values().stream().map(ChainOptions::etcdRaftVersion).findFirst()
                .orElse(io.raftlens.raft.core.EtcdRaftVersion.V3_6);
    }

    public ConsenterPlan consenter(long id) {
        return consenters.stream().filter(c -> c.id().value() == id).findFirst()
                .orElseThrow(() -> NetworkOperationException.notFound("no node " + id + " (nodes are 1.." + consenters.size() + ")"));
    }
}
