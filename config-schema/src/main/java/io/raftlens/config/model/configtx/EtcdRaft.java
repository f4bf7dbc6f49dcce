package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Orderer's EtcdRaft section: the consenters and options.
 *
 * @param keyRange  the EtcdRaft key
 * @param inherited how the section was merged in (e.g. from &OrdererDefaults), or null
 */
public record EtcdRaft(BoundStruct bound, Range keyRange, Path folder, Inheritance inherited) {

    public Range range() {
        return bound.range();
    }

    /** The consenters in list order; Raft node IDs at genesis are 1..n in this order. */
    public List<Consenter> consenters() {
        List<Consenter> out = new ArrayList<>();
        Inheritance via = bound.field("Consenters").map(f -> Views.inheritance(f, inherited)).orElse(inherited);
        List<Bound> items = Views.list(bound, "Consenters");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof BoundStruct c) {
                out.add(new Consenter(i, c, folder, false, via));
            }
        }
        return out;
    }

    /** The Consenters key, or the EtcdRaft key when there is none. */
    public Range consentersKeyRange() {
        return bound.field("Consenters").map(f -> f.entry().key().range()).orElse(keyRange);
    }

    public EtcdRaftOptions options() {
        return bound.field("Options").filter(f -> f.value() instanceof BoundStruct)
                .map(f -> new EtcdRaftOptions((BoundStruct) f.value(), f.value().range(), Views.inheritance(f, inherited)))
                .orElse(new EtcdRaftOptions(null, keyRange, inherited));
    }
}
