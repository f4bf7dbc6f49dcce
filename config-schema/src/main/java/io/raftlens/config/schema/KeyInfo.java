package io.raftlens.config.schema;

import io.raftlens.config.fabric.FabricVersion;
import java.util.List;

/**
 * What the JSON Schema says about one key of a Fabric configuration file, for hover and completion.
 *
 * @param name         the key's canonical spelling (as Fabric documents it), or the key itself for an
 *                     entry of an open map such as {@code Profiles} or {@code ACLs}
 * @param path         canonical path from the document root ({@code [Orderer, EtcdRaft, Options, TickInterval]})
 * @param title        short title, may be null
 * @param description  Fabric's documentation of the key, may be null
 * @param types        JSON types the value may have ("string", "integer", "object", "array", "boolean", "number", "null")
 * @param defaultValue Fabric's default as text ("2s", "10 MB", "500"), or null when it has none
 * @param enumValues   the allowed values when the key has a fixed set (never containing null)
 * @param format       RaftLens value format: "duration", "duration-string", "byte-size", "path", "host-port", or null
 * @param goType       the Go type Fabric decodes into ("uint32", "time.Duration", …), or null
 * @param deprecation  why the key is deprecated or removed, or null when it is current
 * @param removedIn    the Fabric release that no longer accepts the key ("3.0"), or null
 * @param addedIn      the first Fabric release that accepts the key ("3.0" for SmartBFT), or null
 * @param openMap      true when the value is a map with user-chosen keys (Profiles, ACLs, capabilities …)
 */
public record KeyInfo(String name, List<String> path, String title, String description, List<String> types,
                      String defaultValue, List<String> enumValues, String format, String goType,
                      String deprecation, String removedIn, String addedIn, boolean openMap) {

    public KeyInfo {
        path = List.copyOf(path);
        types = List.copyOf(types);
        enumValues = List.copyOf(enumValues);
    }

    /** True when Fabric {@code version} rejects this key (e.g. {@code Kafka} under Fabric 3, {@code GenesisProfile} since 2.0). */
    public boolean isRemovedIn(FabricVersion version) {
        return removedIn != null && compare(version, removedIn) >= 0;
    }

    /** True when the key exists in Fabric {@code version} (not removed, not added later). */
    public boolean existsIn(FabricVersion version) {
        boolean tooOld = addedIn != null && compare(version, addedIn) < 0;
        return !tooOld && !isRemovedIn(version);
    }

    /** True when the key was removed before every release RaftLens validates (a Fabric 1.x key). */
    public boolean isLegacy() {
        return removedIn != null && compare(FabricVersion.values()[0], removedIn) > 0;
    }

    static int compare(FabricVersion version, String release) {
        return version.compareToRelease(release);
    }

    public boolean isDeprecated() {
        return deprecation != null;
    }

    /** True when the value is a mapping (a section) rather than a scalar or a list. */
    public boolean isSection() {
        return types.contains("object");
    }
}
