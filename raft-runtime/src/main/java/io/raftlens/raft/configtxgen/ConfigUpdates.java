package io.raftlens.raft.configtxgen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * Fabric's {@code configtxlator/update.Compute}: the read set and write set that turn one channel config into
 * another. Unchanged elements appear with their version only; changed ones with version + 1, their mod_policy and
 * content; a group whose members changed is written with version + 1 and carries all its members.
 */
public final class ConfigUpdates {

    private ConfigUpdates() {
    }

    /** @throws IllegalArgumentException "no differences detected between original and updated config" */
    public static ConfigUpdate compute(ConfigGroup original, ConfigGroup updated) {
        Result r = group(original, updated);
        if (!r.updated) {
            throw new IllegalArgumentException("no differences detected between original and updated config");
        }
        return ConfigUpdate.newBuilder().setReadSet(r.read).setWriteSet(r.write).build();
    }

    private record Result(ConfigGroup read, ConfigGroup write, boolean updated) {}

    private record Sets<T>(Map<String, T> read, Map<String, T> write, Map<String, T> same, boolean membersUpdated) {}

    private static Sets<ConfigPolicy> policies(Map<String, ConfigPolicy> original, Map<String, ConfigPolicy> updated) {
        Map<String, ConfigPolicy> write = new LinkedHashMap<>();
        Map<String, ConfigPolicy> same = new LinkedHashMap<>();
        boolean members = false;
        for (var e : original.entrySet()) {
            ConfigPolicy u = updated.get(e.getKey());
            if (u == null) {
                members = true;
                continue;
            }
            ConfigPolicy o = e.getValue();
            if (o.getModPolicy().equals(u.getModPolicy()) && o.getPolicy().equals(u.getPolicy())) {
                same.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(o.getVersion()).build());
                continue;
            }
            write.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(o.getVersion() + 1).setModPolicy(u.getModPolicy())
                    .setPolicy(u.getPolicy()).build());
        }
        for (var e : updated.entrySet()) {
            if (!original.containsKey(e.getKey())) {
                members = true;
                write.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                        .setPolicy(e.getValue().getPolicy()).build());
            }
        }
        return new Sets<>(new LinkedHashMap<>(), write, same, members);
    }

    private static Sets<ConfigValue> values(Map<String, ConfigValue> original, Map<String, ConfigValue> updated) {
        Map<String, ConfigValue> write = new LinkedHashMap<>();
        Map<String, ConfigValue> same = new LinkedHashMap<>();
        boolean members = false;
        for (var e : original.entrySet()) {
            ConfigValue u = updated.get(e.getKey());
            if (u == null) {
                members = true;
                continue;
            }
            ConfigValue o = e.getValue();
            if (o.getModPolicy().equals(u.getModPolicy()) && o.getValue().equals(u.getValue())) {
                same.put(e.getKey(), ConfigValue.newBuilder().setVersion(o.getVersion()).build());
                continue;
            }
            write.put(e.getKey(), ConfigValue.newBuilder().setVersion(o.getVersion() + 1).setModPolicy(u.getModPolicy())
                    .setValue(u.getValue()).build());
        }
        for (var e : updated.entrySet()) {
            if (!original.containsKey(e.getKey())) {
                members = true;
                write.put(e.getKey(), ConfigValue.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                        .setValue(e.getValue().getValue()).build());
            }
        }
        return new Sets<>(new LinkedHashMap<>(), write, same, members);
    }

    private static Sets<ConfigGroup> groups(Map<String, ConfigGroup> original, Map<String, ConfigGroup> updated) {
        Map<String, ConfigGroup> read = new LinkedHashMap<>();
        Map<String, ConfigGroup> write = new LinkedHashMap<>();
        Map<String, ConfigGroup> same = new LinkedHashMap<>();
        boolean members = false;
        for (var e : original.entrySet()) {
            ConfigGroup u = updated.get(e.getKey());
            if (u == null) {
                members = true;
                continue;
            }
            Result r = group(e.getValue(), u);
            if (!r.updated) {
                same.put(e.getKey(), r.read);
                continue;
            }
            read.put(e.getKey(), r.read);
            write.put(e.getKey(), r.write);
        }
        for (var e : updated.entrySet()) {
            if (!original.containsKey(e.getKey())) {
                members = true;
                Result r = group(ConfigGroup.getDefaultInstance(), e.getValue());
                write.put(e.getKey(), ConfigGroup.newBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                        .putAllPolicies(r.write.getPoliciesMap()).putAllValues(r.write.getValuesMap())
                        .putAllGroups(r.write.getGroupsMap()).build());
            }
        }
        return new Sets<>(read, write, same, members);
    }

    private static Result group(ConfigGroup original, ConfigGroup updated) {
        Sets<ConfigPolicy> p = policies(original.getPoliciesMap(), updated.getPoliciesMap());
        Sets<ConfigValue> v = values(original.getValuesMap(), updated.getValuesMap());
        Sets<ConfigGroup> g = groups(original.getGroupsMap(), updated.getGroupsMap());
        if (!(p.membersUpdated || v.membersUpdated || g.membersUpdated || !original.getModPolicy().equals(updated.getModPolicy()))) {
            if (p.read.isEmpty() && p.write.isEmpty() && v.read.isEmpty() && v.write.isEmpty() && g.read.isEmpty() && g.write.isEmpty()) {
                ConfigGroup only = ConfigGroup.newBuilder().setVersion(original.getVersion()).build();
                return new Result(only, only, false);
            }
            return new Result(
                    ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(p.read).putAllValues(v.read).putAllGroups(g.read).build(),
                    ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(p.write).putAllValues(v.write).putAllGroups(g.write).build(),
                    true);
        }
        p.read.putAll(p.same);
        p.write.putAll(p.same);
        v.read.putAll(v.same);
        v.write.putAll(v.same);
        g.read.putAll(g.same);
        g.write.putAll(g.same);
        return new Result(
                ConfigGroup.newBuilder().setVersion(original.getVersion()).putAllPolicies(p.read).putAllValues(v.read).putAllGroups(g.read).build(),
                ConfigGroup.newBuilder().setVersion(original.getVersion() + 1).putAllPolicies(p.write).putAllValues(v.write)
                        .putAllGroups(g.write).setModPolicy(updated.getModPolicy()).build(),
                true);
    }
}
