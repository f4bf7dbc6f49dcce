package io.raftlens.raft.node;

import io.raftlens.raft.core.EtcdRaftVersion;

import java.time.Duration;
import java.util.List;

/**
 * Everything one channel's chain needs from the channel configuration, already resolved (defaults applied,
 * TickIntervalOverride applied): the consenter ids in consenter order (Raft ids 1..n as Fabric's genesis assigns
 * them), the etcdraft Options and the BatchSize/BatchTimeout; plus how Readys are handled ({@link ReadyOrder})
 * and orderer.yaml's {@code Consensus.EvictionSuspicion} (Fabric's default 10m), and the etcd raft release the
 * orderer's Fabric version vendors ({@link EtcdRaftVersion}; 3.6 unless the launch says otherwise).
 */
public record ChainOptions(String channel, List<Long> consenterIds, Duration tickInterval, int electionTick,
                           int heartbeatTick, int maxInflightBlocks, long snapshotIntervalSize,
                           int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes,
                           Duration batchTimeout, ReadyOrder readyOrder, Duration evictionSuspicion,
                           EtcdRaftVersion etcdRaftVersion) {

    /** Fabric's {@code DefaultEvictionSuspicion}. */
    public static final Duration DEFAULT_EVICTION_SUSPICION = Duration.ofMinutes(10);

    public ChainOptions {
        consenterIds = List.copyOf(consenterIds);
        if (consenterIds.isEmpty()) {
            throw new IllegalArgumentException("channel " + channel + " has no consenters");
        }
        if (electionTick <= heartbeatTick) {
            throw new IllegalArgumentException("election tick must be greater than heartbeat tick");
        }
        if (readyOrder == null) {
            readyOrder = ReadyOrder.FABRIC;
        }
        if (evictionSuspicion == null || evictionSuspicion.isZero() || evictionSuspicion.isNegative()) {
            evictionSuspicion = DEFAULT_EVICTION_SUSPICION;
        }
        if (etcdRaftVersion == null) {
            etcdRaftVersion = EtcdRaftVersion.V3_6;
        }
        if (readyOrder == ReadyOrder.PIPELINED && etcdRaftVersion == EtcdRaftVersion.V3_5) {
            throw new IllegalArgumentException("channel " + channel + ": -Draftlens.readyOrder=pipelined needs etcd raft 3.6 "
                    + "(3.5, Fabric 2.5 to 3.1.4, counts the leader's own appends before they are durable, safe only when "
                    + "each Ready is persisted before its messages go out); pass --fabric-version 3.1.5 or use Fabric's order");
        }
    }

    /** The settings with etcd raft 3.6 (what the core did before the version became a choice). */
    public ChainOptions(String channel, List<Long> consenterIds, Duration tickInterval, int electionTick,
                        int heartbeatTick, int maxInflightBlocks, long snapshotIntervalSize,
                        int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes,
                        Duration batchTimeout, ReadyOrder readyOrder, Duration evictionSuspicion) {
        this(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks, snapshotIntervalSize,
                maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, readyOrder, evictionSuspicion,
                EtcdRaftVersion.V3_6);
    }

    /** The channel's settings with the Ready order of this JVM ({@link ReadyOrder#fromSystemProperty}) and Fabric's EvictionSuspicion. */
    public ChainOptions(String channel, List<Long> consenterIds, Duration tickInterval, int electionTick,
                        int heartbeatTick, int maxInflightBlocks, long snapshotIntervalSize,
                        int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes, Duration batchTimeout) {
        this(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks, snapshotIntervalSize,
                maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, ReadyOrder.fromSystemProperty(),
                DEFAULT_EVICTION_SUSPICION);
    }

    /** The election timeout, TickInterval × ElectionTick. */
    public Duration electionTimeout() {
        return tickInterval.multipliedBy(electionTick);
    }

    public ChainOptions withChannel(String name) {
        return new ChainOptions(name, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, readyOrder,
                evictionSuspicion, etcdRaftVersion);
    }

    /** The same settings with another BatchSize.MaxMessageCount and BatchTimeout (a benchmark's explicit profile). */
    public ChainOptions withBatch(int messageCount, Duration timeout) {
        return new ChainOptions(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, messageCount, absoluteMaxBytes, preferredMaxBytes, timeout, readyOrder,
                evictionSuspicion, etcdRaftVersion);
    }

    public ChainOptions withReadyOrder(ReadyOrder order) {
        return new ChainOptions(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, order,
                evictionSuspicion, etcdRaftVersion);
    }

    public ChainOptions withEvictionSuspicion(Duration suspicion) {
        return new ChainOptions(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, readyOrder,
                suspicion, etcdRaftVersion);
    }

    /** The same settings on another etcd raft release (the one the orderer's Fabric version vendors). */
    public ChainOptions withEtcdRaftVersion(EtcdRaftVersion version) {
        return new ChainOptions(channel, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout, readyOrder,
                evictionSuspicion, version);
    }
}
