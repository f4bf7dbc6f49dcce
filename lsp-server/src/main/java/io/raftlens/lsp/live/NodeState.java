package io.raftlens.lsp.live;

import io.raftlens.raft.node.ChainStatus;
import java.util.Map;
import java.util.Optional;

/**
 * One consenter of a running network as the editor shows it. A stopped node keeps the term, leader and
 * height it had when it stopped; its role reads "stopped".
 */
public record NodeState(long id, String host, int port, boolean running, boolean isolated,
                        Map<String, ChainStatus> channels) {

    public static final String STOPPED = "stopped";

    public NodeState {
        channels = Map.copyOf(channels);
    }

    /** leader, follower, candidate, pre-candidate or stopped. */
    public String role(String channel) {
        if (!running) {
            return STOPPED;
        }
        return status(channel).map(ChainStatus::role).orElse("follower");
    }

    public Optional<ChainStatus> status(String channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    public long term(String channel) {
        return status(channel).map(ChainStatus::term).orElse(0L);
    }

    public long height(String channel) {
        return status(channel).map(ChainStatus::height).orElse(0L);
    }

    /** The leader this node knows of (0: none); a stopped node knows of none. */
    public long leader(String channel) {
        return running ? status(channel).map(ChainStatus::leader).orElse(0L) : 0L;
    }
}
