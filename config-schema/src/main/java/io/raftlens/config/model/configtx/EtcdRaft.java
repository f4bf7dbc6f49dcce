package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Orderer's EtcdRaft section: the consenters and options.
 *
 * @param keyRange the EtcdRaft key
 */
public record EtcdRaft(BoundStruct bound, Range keyRange, Path folder) {

    public Range range() {
        return bound.range();
    }

    public List<Consenter> consenters() {
        List<Consenter> out = new ArrayList<>();
        List<Bound> items = Views.list(bound, "Consenters");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof BoundStruct c) {
                out.add(new Consenter(i, c, folder, false));
            }
        }
        return out;
    }

    /** The Consenters key, or the EtcdRaft key when there is none. */
    public Range consentersKeyRange() {
        return bound.field("Consenters").map(f -> f.entry().key().range()).orElse(keyRange);
    }

    public EtcdRaftOptions options() {
        return Views.struct(bound, "Options")
                .map(o -> new EtcdRaftOptions(o, o.range()))
                .orElse(new EtcdRaftOptions(null, keyRange));
    }
}
