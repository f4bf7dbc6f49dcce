package io.raftlens.raft.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.time.Duration;

/** The {@code consensus_etcdraft_*} series of one channel; thread-safe, cheap enough for the Raft loop. */
public final class ChannelRaftMetrics {
    private final GaugeDataPoint clusterSize;
    private final GaugeDataPoint isLeader;
    private final GaugeDataPoint activeNodes;
    private final GaugeDataPoint committedBlockNumber;
    private final GaugeDataPoint snapshotBlockNumber;
    private final CounterDataPoint leaderChanges;
    private final CounterDataPoint proposalFailures;
    private final DistributionDataPoint dataPersistDuration;
    private final CounterDataPoint normalProposalsReceived;
    private final CounterDataPoint configProposalsReceived;

    /** Binding every series here creates them (counters at 0) from chain start, as client_golang's With() does. */
    ChannelRaftMetrics(EtcdRaftMetrics m, String channel) {
        clusterSize = m.clusterSize.labelValues(channel);
        isLeader = m.isLeader.labelValues(channel);
        activeNodes = m.activeNodes.labelValues(channel);
        committedBlockNumber = m.committedBlockNumber.labelValues(channel);
        snapshotBlockNumber = m.snapshotBlockNumber.labelValues(channel);
        leaderChanges = m.leaderChanges.labelValues(channel);
        proposalFailures = m.proposalFailures.labelValues(channel);
        dataPersistDuration = m.dataPersistDuration.labelValues(channel);
        normalProposalsReceived = m.normalProposalsReceived.labelValues(channel);
        configProposalsReceived = m.configProposalsReceived.labelValues(channel);
    }

    public void clusterSize(int nodes) { clusterSize.set(nodes); }
    public void isLeader(boolean leader) { isLeader.set(leader ? 1 : 0); }
    public void activeNodes(int nodes) { activeNodes.set(nodes); }
    public void committedBlockNumber(long number) { committedBlockNumber.set(number); }
    public void snapshotBlockNumber(long number) { snapshotBlockNumber.set(number); }
    public void leaderChanged() { leaderChanges.inc(); }
    public void proposalFailed() { proposalFailures.inc(); }
    public void normalProposalReceived() { normalProposalsReceived.inc(); }
    public void configProposalReceived() { configProposalsReceived.inc(); }

    public void dataPersisted(Duration took) { dataPersistDuration.observe(took.toNanos() / 1e9); }
    public void dataPersistedNanos(long nanos) { dataPersistDuration.observe(nanos / 1e9); }
}
