package io.raftlens.config.model.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.BoundModel;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.value.ValueIssue;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed view of a configtx.yaml: what configtxgen would read. Build it with {@link ConfigtxLoader}.
 *
 * @param file    the configtx.yaml
 * @param folder  relative paths (MSPDir, certificates) are resolved against it
 * @param version the Fabric release whose keys were accepted
 * @param yaml    the parsed YAML
 * @param root    the bound top level
 * @param issues  value problems found while reading (unknown keys, bad numbers, durations …)
 */
public record Configtx(Path file, Path folder, FabricVersion version, ParsedYaml yaml, BoundStruct root,
                       List<ValueIssue> issues) implements BoundModel {

    public Configtx {
        issues = List.copyOf(issues);
    }

    /** The top-level Organizations list. */
    public List<Organization> organizations() {
        return organizations(Views.list(root, "Organizations"), folder);
    }

    /** The top-level Orderer section (usually &OrdererDefaults). */
    public Optional<OrdererSection> ordererDefaults() {
        return root.field("Orderer").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new OrdererSection((BoundStruct) f.value(), f.entry().key().range(), folder, null));
    }

    /** The top-level Application section (usually &ApplicationDefaults). */
    public Optional<ApplicationSection> applicationDefaults() {
        return root.field("Application").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new ApplicationSection((BoundStruct) f.value(), f.entry().key().range(), folder));
    }

    /** The top-level Channel section (usually &ChannelDefaults), shaped like a profile. */
    public Optional<Profile> channelDefaults() {
        return root.field("Channel").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new Profile("Channel", f.entry().key().range(), (BoundStruct) f.value(), folder));
    }

    /** The top-level Capabilities: group name (Channel, Orderer, Application) → set. */
    public List<NamedCapabilities> capabilities() {
        List<NamedCapabilities> out = new ArrayList<>();
        root.field("Capabilities").map(Bound.BoundField::value).filter(Bound.BoundMap.class::isInstance)
                .ifPresent(m -> ((Bound.BoundMap) m).entries().forEach(e -> out.add(
                        new NamedCapabilities(e.key(), Capabilities.of(e.value(), e.entry().key().range())))));
        return out;
    }

    /** A top-level capability group. */
    public record NamedCapabilities(String group, Capabilities capabilities) {}

    public List<String> profileNames() {
        return profiles().stream().map(Profile::name).toList();
    }

    /** Every profile, in file order. */
    public List<Profile> profiles() {
        List<Profile> out = new ArrayList<>();
        root.field("Profiles").map(Bound.BoundField::value).filter(Bound.BoundMap.class::isInstance)
                .ifPresent(m -> ((Bound.BoundMap) m).entries().forEach(e -> {
                    if (e.value() instanceof BoundStruct s) {
                        out.add(new Profile(e.key(), e.entry().key().range(), s, folder));
                    }
                }));
        return out;
    }

    /** The effective profile with this exact name (profile names are case-sensitive). */
    public Optional<Profile> profile(String name) {
        return profiles().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Profiles a Raft network can be launched from: OrdererType etcdraft with an EtcdRaft section, in file order. */
    public List<Profile> etcdRaftProfiles() {
        return profiles().stream()
                .filter(p -> p.orderer().map(o -> o.isEtcdRaft() && o.etcdRaft().isPresent()).orElse(false))
                .toList();
    }

    /** The Profiles key, or the start of the file. */
    public Range profilesKeyRange() {
        return Views.keyRange(root, "Profiles");
    }

    static List<Organization> organizations(List<Bound> items, Path folder) {
        List<Organization> out = new ArrayList<>();
        for (Bound b : items) {
            if (b instanceof BoundStruct s) {
                out.add(new Organization(s, folder));
            }
        }
        return out;
    }
}
