package io.raftlens.raft.fabric.policy;

/** A policy that is not satisfied or does not compile; the message is Fabric's. */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
