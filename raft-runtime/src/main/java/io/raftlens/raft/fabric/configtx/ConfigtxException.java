package io.raftlens.raft.fabric.configtx;

/** A config update or config that Fabric's configtx/channelconfig rules refuse, with Fabric's message. */
public final class ConfigtxException extends Exception {
    public ConfigtxException(String message) {
        super(message);
    }

    /** Fabric's errors.Wrapf / Errorf("prefix: %s"): "prefix: message". */
    public ConfigtxException wrap(String prefix) {
        return new ConfigtxException(prefix + ": " + getMessage());
    }
}
