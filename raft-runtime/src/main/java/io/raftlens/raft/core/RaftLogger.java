package io.raftlens.raft.core;

/**
 * Sink for the core's log lines. Lines are etcd raft's format strings verbatim (node IDs in hex), so
 * that a RaftLens run reads like a Fabric orderer log.
 *
 * <p>The core calls the two-argument forms, naming the etcd function that logs the line ("becomeLeader",
 * "poll", "Step", "run" for the {@code raft.node:} lines …), because Fabric prints it before the message
 * ({@code becomeLeader -> 1 became leader at term 2}). They default to the one-argument forms.
 */
public interface RaftLogger {
    void debug(String line);

    void info(String line);

    void warn(String line);

    void error(String line);

    /** Lets callers skip building debug lines nobody reads. */
    boolean isDebugEnabled();

    default void debug(String function, String line) {
        debug(line);
    }

    default void info(String function, String line) {
        info(line);
    }

    default void warn(String function, String line) {
        warn(line);
    }

    default void error(String function, String line) {
        error(line);
    }
}
