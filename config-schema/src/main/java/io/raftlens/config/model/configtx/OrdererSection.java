package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Orderer section (the top-level defaults or a profile's effective Orderer after merge keys), with
 * configtxgen's defaults applied where a value is absent or zero.
 *
 * @param keyRange  the Orderer key
 * @param inherited how the section itself was merged in, or null
 */
public record OrdererSection(BoundStruct bound, Range keyRange, Path folder, Inheritance inherited) {

    public static final String ETCDRAFT = "etcdraft";
    public static final String BFT = "BFT";
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofSeconds(2);

    public Range range() {
        return bound.range();
    }

    /** OrdererType; configtxgen's default is "solo", which a Fabric 3 orderer cannot run. */
    public Sourced<String> ordererType() {
        return Views.orDefault(bound, "OrdererType", String.class, "solo").within(inherited);
    }

    public boolean isEtcdRaft() {
        return ETCDRAFT.equals(ordererType().value());
    }

    public boolean isBft() {
        return BFT.equals(ordererType().value());
    }

    /** Global orderer addresses (legacy). */
    public List<Sourced<String>> addresses() {
        return Views.strings(bound, "Addresses").stream().map(s -> s.within(inherited)).toList();
    }

    public Range addressesKeyRange() {
        return Views.keyRange(bound, "Addresses");
    }

    public Sourced<Duration> batchTimeout() {
        return Views.orDefault(bound, "BatchTimeout", Duration.class, DEFAULT_BATCH_TIMEOUT).within(inherited);
    }

    public BatchSize batchSize() {
        return bound.field("BatchSize").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new BatchSize((BoundStruct) f.value(), f.value().range(), Views.inheritance(f, inherited)))
                .orElse(new BatchSize(null, keyRange, inherited));
    }

    public Optional<EtcdRaft> etcdRaft() {
        return bound.field("EtcdRaft").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new EtcdRaft((BoundStruct) f.value(), f.entry().key().range(), folder, Views.inheritance(f, inherited)));
    }

    /** The SmartBFT options block, if written. */
    public Optional<BoundStruct> smartBft() {
        return Views.struct(bound, "SmartBFT");
    }

    /** BFT consenters. */
    public List<Consenter> consenterMapping() {
        List<Consenter> out = new ArrayList<>();
        Inheritance via = bound.field("ConsenterMapping").map(f -> Views.inheritance(f, inherited)).orElse(inherited);
        List<Bound> items = Views.list(bound, "ConsenterMapping");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof BoundStruct c) {
                out.add(new Consenter(i, c, folder, true, via));
            }
        }
        return out;
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

    /** Whether a key exists (written or inherited). */
    public boolean has(String field) {
        return bound.field(field).isPresent();
    }

    public Range fieldKeyRange(String field) {
        return Views.keyRange(bound, field);
    }
}
