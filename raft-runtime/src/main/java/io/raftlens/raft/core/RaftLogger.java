package io.raftlens.raft.core;

/**
 * Sink for the core's log lines. Lines are etcd raft's format strings verbatim (node IDs in hex), so
 * that a RaftLens run reads like a Fabric orderer log.
 */
public interface RaftLogger {
    void debug(String line);

    void info(String line);

    void warn(String line);

    void error(String line);

    /** Lets callers skip building debug lines nobody reads. */
    boolean isDebugEnabled();
}
