package io.raftlens.raft.fabric.config;

/** A block or envelope that does not hold a channel config Fabric would accept; the message says what and where. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
