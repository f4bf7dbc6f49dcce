package io.raftlens.raft.fabric.configtx;

import java.util.List;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * One element of a config map (Fabric's {@code configtx.comparable}): exactly one of group, value or policy, its key
 * and the path of the group holding it ({@code [Channel, Orderer]}).
 */
record ConfigItem(String key, List<String> path, ConfigGroup group, ConfigValue value, ConfigPolicy policy) {

    ConfigItem {
        path = List.copyOf(path);
    }

    static ConfigItem group(String key, List<String> path, ConfigGroup g) {
        return new ConfigItem(key, path, g, null, null);
    }

    static ConfigItem value(String key, List<String> path, ConfigValue v) {
        return new ConfigItem(key, path, null, v, null);
    }

    static ConfigItem policy(String key, List<String> path, ConfigPolicy p) {
        return new ConfigItem(key, path, null, null, p);
    }

    boolean isGroup() {
        return group != null;
    }

    long version() {
        if (group != null) {
            return group.getVersion();
        }
        return value != null ? value.getVersion() : policy.getVersion();
    }

    String modPolicy() {
        if (group != null) {
            return group.getModPolicy();
        }
        return value != null ? value.getModPolicy() : policy.getModPolicy();
    }
}
