package io.raftlens.lsp.live;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.model.configtx.EtcdRaft;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.lsp.documents.DocumentModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Where an etcdraft profile's consenters are written in the current text of a document: the EtcdRaft
 * Consenters key (for the network lens) and each consenter item (for the node lenses and diagnostics).
 * Profiles that inherit their EtcdRaft section through an alias point at the section's own lines.
 */
public record ConsenterLayout(String profile, Range profileRange, Range header, List<Entry> consenters) {

    /** One consenter item: its Raft id (list order), Host, Port and the line of its first key. */
    public record Entry(long id, String host, int port, Range range) {

        public String address() {
            return host + ":" + port;
        }
    }

    public ConsenterLayout {
        consenters = List.copyOf(consenters);
    }

    /** The consenter listening at {@code host:port}, the way a running network names its nodes. */
    public Optional<Entry> entry(String host, int port) {
        return consenters.stream().filter(e -> e.host().equals(host) && e.port() == port).findFirst();
    }

    /** Every profile of the document with an etcdraft Orderer and at least one consenter. */
    public static List<ConsenterLayout> of(DocumentModel model) {
        List<ConsenterLayout> out = new ArrayList<>();
        if (model.root().isEmpty() || model.kind().orElse(null) != FileKind.CONFIGTX) {
            return out;
        }
        Path file = model.path() != null ? model.path() : Path.of("configtx.yaml");
        Configtx configtx = ConfigtxLoader.model(file, model.yaml(), FabricVersion.V3);
        for (Profile p : configtx.profiles()) {
            Optional<EtcdRaft> raft = p.orderer().filter(OrdererSection::isEtcdRaft).flatMap(OrdererSection::etcdRaft);
            if (raft.isEmpty() || raft.get().consenters().isEmpty()) {
                continue;
            }
            List<Entry> entries = new ArrayList<>();
            for (Consenter c : raft.get().consenters()) {
                Range at = DocumentModel.lsp(c.range());
                entries.add(new Entry(c.raftId(), c.host().map(Sourced::value).orElse(""),
                        c.port().map(Sourced::value).map(Long::intValue).orElse(0), lineOf(at)));
            }
            out.add(new ConsenterLayout(p.name(), DocumentModel.lsp(p.range()),
                    lineOf(DocumentModel.lsp(raft.get().consentersKeyRange())), entries));
        }
        return out;
    }

    /** The layout of {@code profile} in the document, if it is an etcdraft profile there. */
    public static Optional<ConsenterLayout> of(DocumentModel model, String profile) {
        return of(model).stream().filter(l -> l.profile().equals(profile)).findFirst();
    }

    /** The etcdraft profile whose body holds {@code position}. */
    public static Optional<String> profileAt(DocumentModel model, Position position) {
        return of(model).stream().filter(l -> contains(l.profileRange(), position)).map(ConsenterLayout::profile).findFirst();
    }

    private static boolean contains(Range r, Position p) {
        return p.getLine() >= r.getStart().getLine() && p.getLine() <= r.getEnd().getLine();
    }

    /** A zero-width range at the start of the first line of {@code r}: where a lens or line diagnostic goes. */
    private static Range lineOf(Range r) {
        Position start = new Position(r.getStart().getLine(), r.getStart().getCharacter());
        return new Range(start, new Position(r.getStart().getLine(), r.getStart().getCharacter()));
    }
}
