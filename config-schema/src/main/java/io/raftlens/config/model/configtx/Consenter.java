package io.raftlens.config.model.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One etcdraft consenter (or, for BFT, one ConsenterMapping entry). Certificate paths are resolved
 * against configtx.yaml's folder, as Fabric does.
 *
 * @param index     0-based position in the list; Raft node IDs at genesis are index + 1
 * @param inherited how the consenter list was merged in, or null
 */
public record Consenter(int index, BoundStruct bound, Path folder, boolean bft, Inheritance inherited) {

    public Range range() {
        return bound.range();
    }

    public Optional<Sourced<String>> host() {
        return Views.scalar(bound, "Host", String.class).filter(s -> !s.value().isEmpty()).map(s -> s.within(inherited));
    }

    public Optional<Sourced<Long>> port() {
        return Views.scalar(bound, "Port", Long.class).filter(s -> s.value() != 0).map(s -> s.within(inherited));
    }

    public Optional<Sourced<Path>> clientTlsCert() {
        return path(bft ? "ClientTLSCert" : "ClientTlsCert");
    }

    public Optional<Sourced<Path>> serverTlsCert() {
        return path(bft ? "ServerTLSCert" : "ServerTlsCert");
    }

    /** BFT only: the enrollment certificate. */
    public Optional<Sourced<Path>> identity() {
        return bft ? path("Identity") : Optional.empty();
    }

    /** BFT only. */
    public Optional<Sourced<Long>> id() {
        return bft ? Views.scalar(bound, "ID", Long.class) : Optional.empty();
    }

    /** BFT only. */
    public Optional<Sourced<String>> mspId() {
        return bft ? Views.scalar(bound, "MSPID", String.class) : Optional.empty();
    }

    /** The Raft node ID this consenter gets in a new channel (list order, from 1). */
    public long raftId() {
        return index + 1L;
    }

    /** "orderer1.example.com:7050", with "?" for what is missing. */
    public String endpoint() {
        return host().map(Sourced::value).orElse("?") + ":" + port().map(p -> String.valueOf(p.value())).orElse("?");
    }

    private Optional<Sourced<Path>> path(String field) {
        return Views.scalar(bound, field, String.class).filter(s -> !s.value().isEmpty()).map(s -> s.map(v -> folder.resolve(v).normalize()).within(inherited));
    }
}
