package io.raftlens.config.fabric;

/** The two Fabric files RaftLens understands. */
public enum FileKind {
    /** {@code configtx.yaml}: organizations, capabilities, policies, orderer and channel profiles (configtxgen input). */
    CONFIGTX,
    /** {@code orderer.yaml}: one orderer node's local configuration. */
    ORDERER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
