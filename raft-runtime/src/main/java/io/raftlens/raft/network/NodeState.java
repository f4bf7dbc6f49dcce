package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import java.util.Map;
import java.util.Optional;

/**
 * One consenter of a running network at one moment. A running node's {@code channels} are what its chains report
 * now; a stopped node keeps the term, leader and height it had when it stopped, and its role reads
 * {@link NodeRole#STOPPED}.
 *
 * @param host       its consenter Host (the name the control API calls {@code name})
 * @param port       its consenter Port, on 127.0.0.1
 * @param opsAddress its operations endpoint, host:port
 * @param isolated   cut off from every other node ({@code POST /v1/nodes/N/isolate})
 * @param clientAddress where it serves Fabric's orderer.AtomicBroadcast (gRPC), host:port; null before it first ran
 * @param adminAddress  its admin endpoint (the channel participation API), host:port; null before it first ran
 */
public record NodeState(NodeId id, String host, int port, String opsAddress, boolean running, boolean isolated,
                        Map<String, ChannelState> channels, String clientAddress, String adminAddress) {

    public NodeState(NodeId id, String host, int port, String opsAddress, boolean running, boolean isolated,
                     Map<String, ChannelState> channels, String clientAddress) {
        this(id, host, port, opsAddress, running, isolated, channels, clientAddress, null);
    }

    public NodeState(NodeId id, String host, int port, String opsAddress, boolean running, boolean isolated,
                     Map<String, ChannelState> channels) {
        this(id, host, port, opsAddress, running, isolated, channels, null);
    }

    public NodeState {
        channels = Map.copyOf(channels);
    }

    /** Its role on {@code channel}: {@link NodeRole#STOPPED} when not running, follower until its chain reports. */
    public NodeRole role(String channel) {
        if (!running) {
            return NodeRole.STOPPED;
        }
        return channel(channel).map(ChannelState::role).orElse(NodeRole.FOLLOWER);
    }

    public Optional<ChannelState> channel(String channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    public long term(String channel) {
        return channel(channel).map(ChannelState::term).orElse(0L);
    }

    public long height(String channel) {
        return channel(channel).map(ChannelState::height).orElse(0L);
    }

    /** The leader this node follows on {@code channel} ({@link NodeId#NONE}: none); a stopped node follows none. */
    public NodeId leader(String channel) {
        return running ? channel(channel).map(ChannelState::leader).orElse(NodeId.NONE) : NodeId.NONE;
    }
}
