package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies of one config group (channel, orderer, application or an organization).
 *
 * @param present  whether a Policies key exists
 * @param keyRange the Policies key, or the group's key when there is none (where "missing" is reported)
 */
public record Policies(boolean present, Range keyRange, List<Policy> all) {

    public Policies {
        all = List.copyOf(all);
    }

    public Optional<Policy> get(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Policies of(BoundStruct group, Range groupKeyRange) {
        Optional<Bound.BoundField> f = group.field("Policies");
        if (f.isEmpty()) {
            return new Policies(false, groupKeyRange, List.of());
        }
        List<Policy> policies = new ArrayList<>();
        if (f.get().value() instanceof Bound.BoundMap map) {
            for (Bound.BoundMapEntry e : map.entries()) {
                Optional<Sourced<String>> type = Optional.empty();
                Optional<Sourced<String>> rule = Optional.empty();
                if (e.value() instanceof BoundStruct p) {
                    type = Views.scalar(p, "Type", String.class);
                    rule = Views.scalar(p, "Rule", String.class);
                }
                policies.add(new Policy(e.key(), e.entry().key().range(), e.value().range(), type, rule));
            }
        }
        return new Policies(true, f.get().entry().key().range(), policies);
    }
}
