package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An organization as used at one place (top-level list or a profile's Orderer/Application). */
public final class Organization {

    private final BoundStruct bound;
    private final Path folder;

    Organization(BoundStruct bound, Path folder) {
        this.bound = bound;
        this.folder = folder;
    }

    public BoundStruct bound() {
        return bound;
    }

    /** The list item's range. */
    public Range range() {
        return bound.range();
    }

    public Optional<Sourced<String>> name() {
        return Views.scalar(bound, "Name", String.class);
    }

    /** The MSP ID. */
    public Optional<Sourced<String>> id() {
        return Views.scalar(bound, "ID", String.class);
    }

    /** The MSPDir resolved against configtx.yaml's folder. */
    public Optional<Sourced<Path>> mspDir() {
        return Views.scalar(bound, "MSPDir", String.class).map(s -> s.map(v -> folder.resolve(v).normalize()));
    }

    public Sourced<String> mspType() {
        return Views.orDefault(bound, "MSPType", String.class, "bccsp");
    }

    public boolean skipAsForeign() {
        return Views.scalar(bound, "SkipAsForeign", Boolean.class).map(Sourced::value).orElse(false);
    }

    public Policies policies() {
        return Policies.of(bound, bound.range());
    }

    public List<Sourced<String>> ordererEndpoints() {
        return Views.strings(bound, "OrdererEndpoints");
    }

    /** Whether an OrdererEndpoints key is written (possibly empty). */
    public boolean hasOrdererEndpointsKey() {
        return bound.field("OrdererEndpoints").isPresent();
    }

    /** "Org1 (Org1MSP)" or whatever is known, for messages. */
    public String label() {
        return name().map(Sourced::value).orElse(id().map(Sourced::value).orElse("organization at line " + (range().start().line() + 1)));
    }
}
