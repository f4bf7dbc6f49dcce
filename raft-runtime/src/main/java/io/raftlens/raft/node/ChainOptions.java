package io.raftlens.raft.node;

import java.time.Duration;
import java.util.List;

/**
 * Everything one channel's chain needs from the channel configuration, already resolved (defaults applied,
 * TickIntervalOverride applied): the consenter ids in consenter order (Raft ids 1..n as Fabric's genesis assigns
 * them), the etcdraft Options and the BatchSize/BatchTimeout.
 */
public record ChainOptions(String channel, List<Long> consenterIds, Duration tickInterval, int electionTick,
                           int heartbeatTick, int maxInflightBlocks, long snapshotIntervalSize,
                           int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes,
                           Duration batchTimeout) {

    public ChainOptions {
        consenterIds = List.copyOf(consenterIds);
        if (consenterIds.isEmpty()) {
            throw new IllegalArgumentException("channel " + channel + " has no consenters");
        }
        if (electionTick <= heartbeatTick) {
            throw new IllegalArgumentException("election tick must be greater than heartbeat tick");
        }
    }

    /** The election timeout, TickInterval × ElectionTick. */
    public Duration electionTimeout() {
        return tickInterval.multipliedBy(electionTick);
    }

    public ChainOptions withChannel(String name) {
        return new ChainOptions(name, consenterIds, tickInterval, electionTick, heartbeatTick, maxInflightBlocks,
                snapshotIntervalSize, maxMessageCount, absoluteMaxBytes, preferredMaxBytes, batchTimeout);
    }
}
