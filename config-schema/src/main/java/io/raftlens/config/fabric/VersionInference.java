package io.raftlens.config.fabric;

import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;

/**
 * {@code --fabric-version auto}: which Fabric release a configtx.yaml is written for, from the channel
 * capabilities it enables. V3_0 exists only in Fabric 3 (a 2.5 orderer refuses it), so any V3_0 means 3;
 * otherwise V2_x or V1_x capabilities mean the file targets the 2.x line, validated with the 2.5 rules
 * (the 2.x release RaftLens knows). An orderer.yaml names no capability and is not inferred.
 */
public final class VersionInference {

    private VersionInference() {
    }

    /**
     * @param version the inferred release
     * @param basis   why, for the summary ("Channel capability V3_0")
     */
    public record Inferred(FabricVersion version, String basis) {}

    /** The release a configtx.yaml's channel capabilities imply, or empty when it enables none. */
    public static Optional<Inferred> fromChannelCapabilities(ParsedYaml yaml) {
        Optional<YamlMapping> root = yaml.root();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Set<String> enabled = new TreeSet<>();
        // the usual &ChannelCapabilities anchor, the Channel defaults, and each profile's own set
        mapping(root.get(), "Capabilities").flatMap(c -> mapping(c, "Channel")).ifPresent(c -> collect(c, enabled));
        mapping(root.get(), "Channel").flatMap(c -> mapping(c, "Capabilities")).ifPresent(c -> collect(c, enabled));
        mapping(root.get(), "Profiles").ifPresent(profiles -> {
            for (YamlEntry p : profiles.entries()) {
                if (p.value() instanceof YamlMapping profile) {
                    mapping(profile, "Capabilities").ifPresent(c -> collect(c, enabled));
                }
            }
        });
        if (enabled.contains("V3_0")) {
            return Optional.of(new Inferred(FabricVersion.V3, "Channel capability V3_0"));
        }
        Optional<String> bft = bftUse(root.get());
        if (bft.isPresent()) {
            return Optional.of(new Inferred(FabricVersion.V3, bft.get()));
        }
        Optional<String> v2 = enabled.stream().filter(n -> n.startsWith("V2_") || n.startsWith("V1_")).reduce((a, b) -> b);
        return v2.map(n -> new Inferred(FabricVersion.V2_5, "Channel capability " + n));
    }

    /** A BFT orderer (OrdererType BFT, a SmartBFT or ConsenterMapping section) exists only from Fabric 3. */
    private static Optional<String> bftUse(YamlMapping root) {
        List<YamlMapping> orderers = new ArrayList<>();
        mapping(root, "Orderer").ifPresent(orderers::add);
        mapping(root, "Profiles").ifPresent(profiles -> profiles.entries().forEach(p -> {
            if (p.value() instanceof YamlMapping profile) {
                mapping(profile, "Orderer").ifPresent(orderers::add);
            }
        }));
        for (YamlMapping o : orderers) {
            boolean bftType = o.entriesIgnoreCase("OrdererType").stream()
                    .anyMatch(e -> e.value() instanceof YamlScalar v && v.value().equals("BFT"));
            if (bftType) {
                return Optional.of("OrdererType BFT");
            }
            if (present(o, "SmartBFT") || present(o, "ConsenterMapping")) {
                return Optional.of("a SmartBFT/ConsenterMapping section");
            }
        }
        return Optional.empty();
    }

    /**
     * The release an orderer.yaml is written for, from keys only one release line has (with a value; Fabric
     * drops keys without one): Kafka, General.Cluster.ReplicationBackgroundRefreshInterval and
     * BootstrapMethod file are 2.x; General.Backoff, General.Throttling and General.Cluster.ReplicationPolicy
     * are 3. Empty when it has neither, or both.
     */
    public static Optional<Inferred> fromOrdererKeys(ParsedYaml yaml) {
        Optional<YamlMapping> root = yaml.root();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<YamlMapping> general = mapping(root.get(), "General");
        Optional<YamlMapping> cluster = general.flatMap(g -> mapping(g, "Cluster"));
        List<String> v3 = new ArrayList<>();
        general.filter(g -> present(g, "Backoff")).ifPresent(g -> v3.add("General.Backoff"));
        general.filter(g -> present(g, "Throttling")).ifPresent(g -> v3.add("General.Throttling"));
        cluster.filter(c -> present(c, "ReplicationPolicy")).ifPresent(c -> v3.add("General.Cluster.ReplicationPolicy"));
        List<String> v2 = new ArrayList<>();
        if (present(root.get(), "Kafka")) {
            v2.add("the Kafka section");
        }
        cluster.filter(c -> present(c, "ReplicationBackgroundRefreshInterval"))
                .ifPresent(c -> v2.add("General.Cluster.ReplicationBackgroundRefreshInterval"));
        general.filter(g -> g.entriesIgnoreCase("BootstrapMethod").stream()
                .anyMatch(e -> e.value() instanceof YamlScalar v && v.value().equals("file")))
                .ifPresent(g -> v2.add("BootstrapMethod file"));
        if (!v3.isEmpty() && v2.isEmpty()) {
            return Optional.of(new Inferred(FabricVersion.V3, v3.get(0) + " (Fabric 3 only)"));
        }
        if (!v2.isEmpty() && v3.isEmpty()) {
            return Optional.of(new Inferred(FabricVersion.V2_5, v2.get(0) + " (Fabric 2.x only)"));
        }
        return Optional.empty();
    }

    private static boolean present(YamlMapping in, String key) {
        return in.entriesIgnoreCase(key).stream().anyMatch(e -> !(e.value() instanceof YamlScalar v && v.isNull()));
    }

    private static void collect(YamlMapping capabilities, Set<String> into) {
        for (YamlEntry e : capabilities.entries()) {
            String name = e.keyText();
            if (name != null && e.value() instanceof YamlScalar v && v.kind() == YamlScalar.Kind.BOOL
                    && v.value().toLowerCase(Locale.ROOT).equals("true")) {
                into.add(name.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** A key's mapping value, matching the key case-insensitively as Fabric does. */
    private static Optional<YamlMapping> mapping(YamlMapping in, String key) {
        return in.entriesIgnoreCase(key).stream().findFirst().map(YamlEntry::value)
                .filter(YamlMapping.class::isInstance).map(YamlNode.class::cast).map(YamlMapping.class::cast);
    }
}
