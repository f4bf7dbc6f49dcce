package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Fabric's {@code consensus_etcdraft_*} metrics (orderer/consensus/etcdraft/metrics.go), label {@code channel}. */
public final class EtcdRaftMetrics {
    final Gauge clusterSize;
    final Gauge isLeader;
    final Gauge activeNodes;
    final Gauge committedBlockNumber;
    final Gauge snapshotBlockNumber;
    final Counter leaderChanges;
    final Counter proposalFailures;
    final Histogram dataPersistDuration;
    final Counter normalProposalsReceived;
    final Counter configProposalsReceived;

    EtcdRaftMetrics(PrometheusRegistry registry) {
        clusterSize = Families.gauge(registry, "consensus_etcdraft_cluster_size",
                "Number of nodes in this channel.", "channel");
        isLeader = Families.gauge(registry, "consensus_etcdraft_is_leader",
                "The leadership status of the current node: 1 if it is the leader else 0.", "channel");
        activeNodes = Families.gauge(registry, "consensus_etcdraft_active_nodes",
                "Number of active nodes in this channel.", "channel");
        committedBlockNumber = Families.gauge(registry, "consensus_etcdraft_committed_block_number",
                "The block number of the latest block committed.", "channel");
        snapshotBlockNumber = Families.gauge(registry, "consensus_etcdraft_snapshot_block_number",
                "The block number of the latest snapshot.", "channel");
        leaderChanges = Families.counter(registry, "consensus_etcdraft_leader_changes",
                "The number of leader changes since process start.", "channel");
        proposalFailures = Families.counter(registry, "consensus_etcdraft_proposal_failures",
                "The number of proposal failures.", "channel");
        dataPersistDuration = Families.histogram(registry, "consensus_etcdraft_data_persist_duration",
                "The time taken for etcd/raft data to be persisted in storage (in seconds).", "channel");
        normalProposalsReceived = Families.counter(registry, "consensus_etcdraft_normal_proposals_received",
                "The total number of proposals received for normal type transactions.", "channel");
        configProposalsReceived = Families.counter(registry, "consensus_etcdraft_config_proposals_received",
                "The total number of proposals received for config type transactions.", "channel");
    }

    /**
     * The metrics of one channel's chain, created with Fabric's initial values (chain.go NewChain): cluster size,
     * not leader, no active nodes, the last committed block.
     */
    public ChannelRaftMetrics forChannel(String channel, int clusterSize, long lastBlockNumber) {
        ChannelRaftMetrics m = new ChannelRaftMetrics(this, channel);
        m.clusterSize(clusterSize);
        m.isLeader(false);
        m.activeNodes(0);
        m.committedBlockNumber(lastBlockNumber);
        return m;
    }
}
