package io.raftlens.raft.orderer;

/**
 * A channel config update that the orderer rejects, with Fabric's message (the operator sees it as the reason the
 * update was refused, as {@code peer channel update} would print it).
 */
public final class ConfigUpdateException extends RuntimeException {
    public ConfigUpdateException(String message) {
        super(message);
    }
}
