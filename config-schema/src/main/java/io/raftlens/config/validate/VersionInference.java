package io.raftlens.config.validate;

import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
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
        Optional<String> v2 = enabled.stream().filter(n -> n.startsWith("V2_") || n.startsWith("V1_")).reduce((a, b) -> b);
        return v2.map(n -> new Inferred(FabricVersion.V2_5, "Channel capability " + n));
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
