package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;

/** An Application section (defaults or a profile's effective one). */
public record ApplicationSection(BoundStruct bound, Range keyRange, Path folder) {

    public Range range() {
        return bound.range();
    }

    public List<Organization> organizations() {
        return Configtx.organizations(Views.list(bound, "Organizations"), folder);
    }

    public Capabilities capabilities() {
        return Capabilities.of(bound, keyRange);
    }

    public Policies policies() {
        return Policies.of(bound, keyRange);
    }
}
