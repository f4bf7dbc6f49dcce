package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A profile (or the top-level Channel section, which has the same shape) after merge keys: the channel
 * configtxgen generates with {@code -profile NAME}.
 *
 * @param name     the profile name (the map key), or "Channel" for the top-level section
 * @param keyRange the profile's key
 */
public record Profile(String name, Range keyRange, BoundStruct bound, Path folder) {

    public Range range() {
        return bound.range();
    }

    public Optional<OrdererSection> orderer() {
        return bound.field("Orderer").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new OrdererSection((BoundStruct) f.value(), f.entry().key().range(), folder, f.entry().inherited().orElse(null)));
    }

    public Optional<ApplicationSection> application() {
        return bound.field("Application").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new ApplicationSection((BoundStruct) f.value(), f.entry().key().range(), folder));
    }

    /** Channel capabilities. */
    public Capabilities capabilities() {
        return Capabilities.of(bound, keyRange);
    }

    /** Channel policies. */
    public Policies policies() {
        return Policies.of(bound, keyRange);
    }

    public Optional<Sourced<String>> consortium() {
        return Views.scalar(bound, "Consortium", String.class);
    }

    /** Whether the profile has a Consortiums section (system channel; Fabric 3 refuses it). */
    public boolean hasConsortiums() {
        return bound.field("Consortiums").isPresent();
    }

    public Range consortiumsKeyRange() {
        return Views.keyRange(bound, "Consortiums");
    }

    /** Organizations of every consortium. */
    public List<Organization> consortiumOrganizations() {
        return bound.field("Consortiums").map(Bound.BoundField::value).filter(Bound.BoundMap.class::isInstance)
                .map(m -> ((Bound.BoundMap) m).entries().stream()
                        .filter(e -> e.value() instanceof BoundStruct)
                        .flatMap(e -> Configtx.organizations(Views.list((BoundStruct) e.value(), "Organizations"), folder).stream())
                        .toList())
                .orElse(List.of());
    }

    /** The consortium names (config group keys). */
    public List<Bound.BoundMapEntry> consortiums() {
        return bound.field("Consortiums").map(Bound.BoundField::value).filter(Bound.BoundMap.class::isInstance)
                .map(m -> ((Bound.BoundMap) m).entries()).orElse(List.of());
    }
}
