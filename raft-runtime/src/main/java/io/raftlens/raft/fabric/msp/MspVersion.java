package io.raftlens.raft.fabric.msp;

/**
 * The MSP behaviour a channel selects through its Channel capabilities (Fabric's
 * {@code capabilities.ChannelProvider.MSPVersion}): which OU checks, principal checks and key algorithms apply.
 */
public enum MspVersion {
    V1_0, V1_1, V1_3, V1_4_3, V3_0;

    /** Fabric's mapping from the Channel group's capabilities (V3_0, V2_0, V1_4_3, V1_4_2, V1_3, V1_1). */
    public static MspVersion forChannelCapabilities(java.util.Set<String> capabilities) {
        if (capabilities.contains("V3_0")) {
            return V3_0;
        }
        if (capabilities.contains("V1_4_3") || capabilities.contains("V2_0")) {
            return V1_4_3;
        }
        if (capabilities.contains("V1_3") || capabilities.contains("V1_4_2")) {
            return V1_3;
        }
        if (capabilities.contains("V1_1")) {
            return V1_1;
        }
        return V1_0;
    }

    boolean atLeast(MspVersion other) {
        return compareTo(other) >= 0;
    }
}
