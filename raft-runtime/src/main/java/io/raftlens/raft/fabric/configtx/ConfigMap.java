package io.raftlens.raft.fabric.configtx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * Fabric's {@code configtx/configmap.go}: a config tree flattened into fully qualified keys
 * ({@code "[Group]  /Channel/Orderer"}, {@code "[Value]  /Channel/Orderer/BatchSize"},
 * {@code "[Policy] /Channel/Admins"}) and rebuilt from such a map.
 */
final class ConfigMap {
    static final String GROUP_PREFIX = "[Group]  ";
    static final String VALUE_PREFIX = "[Value]  ";
    static final String POLICY_PREFIX = "[Policy] ";
    static final String ROOT = "Channel";

    private static final Pattern CONFIG_ID = Pattern.compile("[a-zA-Z0-9.-]+");
    private static final int MAX_LENGTH = 249;
    private static final Set<String> ILLEGAL = Set.of(".", "..");
    private static final String HACKY_FIX_ORDERER_CAPABILITIES = "[Value]  /Channel/Orderer/Capabilities";
    private static final String HACKY_FIX_NEW_MOD_POLICY = "Admins";

    private ConfigMap() {
    }

    /** Fabric's validateConfigID. */
    static void validateConfigId(String id) throws ConfigtxException {
        if (id.isEmpty()) {
            throw new ConfigtxException("config ID illegal, cannot be empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw new ConfigtxException("config ID illegal, cannot be longer than " + MAX_LENGTH);
        }
        if (ILLEGAL.contains(id)) {
            throw new ConfigtxException("name '" + id + "' for config ID is not allowed");
        }
        var m = CONFIG_ID.matcher(id);
        if (!m.lookingAt() || m.end() != id.length()) {
            throw new ConfigtxException("config ID '" + id + "' contains illegal characters");
        }
    }

    /** Fabric's mapConfig; a null group gives an empty map. */
    static Map<String, ConfigItem> map(ConfigGroup channelGroup) throws ConfigtxException {
        Map<String, ConfigItem> result = new LinkedHashMap<>();
        if (channelGroup != null) {
            recurse(result, List.of(ROOT), channelGroup);
        }
        return result;
    }

    private static void recurse(Map<String, ConfigItem> result, List<String> path, ConfigGroup group) throws ConfigtxException {
        add(ConfigItem.group(path.get(path.size() - 1), path.subList(0, path.size() - 1), group), result);
        for (var e : group.getGroupsMap().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            recurse(result, next, e.getValue());
        }
        for (var e : group.getValuesMap().entrySet()) {
            add(ConfigItem.value(e.getKey(), path, e.getValue()), result);
        }
        for (var e : group.getPoliciesMap().entrySet()) {
            add(ConfigItem.policy(e.getKey(), path, e.getValue()), result);
        }
    }

    private static void add(ConfigItem item, Map<String, ConfigItem> result) throws ConfigtxException {
        String prefix = item.group() != null ? GROUP_PREFIX : item.value() != null ? VALUE_PREFIX : POLICY_PREFIX;
        try {
            validateConfigId(item.key());
        } catch (ConfigtxException e) {
            throw new ConfigtxException("illegal characters in key: " + prefix + ": " + e.getMessage());
        }
        String fq = prefix + (item.path().isEmpty() ? "/" + item.key() : "/" + String.join("/", item.path()) + "/" + item.key());
        result.put(fq, item);
    }

    /** Fabric's configMapToConfig. */
    static ConfigGroup toGroup(Map<String, ConfigItem> map) throws ConfigtxException {
        return recurseMap("/" + ROOT, map);
    }

    private static ConfigGroup recurseMap(String path, Map<String, ConfigItem> map) throws ConfigtxException {
        String groupPath = GROUP_PREFIX + path;
        ConfigItem item = map.get(groupPath);
        if (item == null) {
            throw new ConfigtxException("missing group at path: " + groupPath);
        }
        if (item.group() == null) {
            throw new ConfigtxException("ConfigGroup not found at group path: " + groupPath);
        }
        ConfigGroup g = item.group();
        boolean hack = map.containsKey(HACKY_FIX_ORDERER_CAPABILITIES);
        ConfigGroup.Builder b = g.toBuilder().clearGroups().clearValues().clearPolicies();
        for (String key : g.getGroupsMap().keySet()) {
            b.putGroups(key, recurseMap(path + "/" + key, map));
        }
        for (String key : g.getValuesMap().keySet()) {
            String valuePath = VALUE_PREFIX + path + "/" + key;
            ConfigItem v = map.get(valuePath);
            if (v == null) {
                throw new ConfigtxException("missing value at path: " + valuePath);
            }
            if (v.value() == null) {
                throw new ConfigtxException("ConfigValue not found at value path: " + valuePath);
            }
            ConfigValue value = v.value();
            if (hack && value.getModPolicy().isEmpty()) {
                value = value.toBuilder().setModPolicy(HACKY_FIX_NEW_MOD_POLICY).build();
            }
            b.putValues(key, value);
        }
        for (String key : g.getPoliciesMap().keySet()) {
            String policyPath = POLICY_PREFIX + path + "/" + key;
            ConfigItem p = map.get(policyPath);
            if (p == null) {
                throw new ConfigtxException("missing policy at path: " + policyPath);
            }
            if (p.policy() == null) {
                throw new ConfigtxException("ConfigPolicy not found at policy path: " + policyPath);
            }
            ConfigPolicy policy = p.policy();
            if (hack && policy.getModPolicy().isEmpty()) {
                policy = policy.toBuilder().setModPolicy(HACKY_FIX_NEW_MOD_POLICY).build();
            }
            b.putPolicies(key, policy);
        }
        if (hack && b.getModPolicy().isEmpty()) {
            b.setModPolicy(HACKY_FIX_NEW_MOD_POLICY);
        }
        return b.build();
    }
}
