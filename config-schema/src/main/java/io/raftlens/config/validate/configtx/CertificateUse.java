package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Consenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One certificate reference of a consenter: which consenter, which role (client, server, identity) and
 * the resolved path with its source.
 */
record CertificateUse(Consenter consenter, String role, Sourced<Path> path) {

    /** "client" → Fabric's "cannot load client cert for consenter host:port". */
    String fabricLoadError(String reason) {
        String what = role.equals("identity") ? "identity" : role + " cert";
        return "cannot load " + what + " for consenter " + consenter.endpoint() + ": open " + path.value() + ": " + reason;
    }

    /** The configtx key this certificate comes from: ClientTLSCert, ServerTLSCert or Identity. */
    String key() {
        return switch (role) {
            case "client" -> "ClientTLSCert";
            case "server" -> "ServerTLSCert";
            default -> "Identity";
        };
    }

    /** False when the configured value is PEM content or otherwise not a path: it must not be quoted. */
    boolean isPath() {
        return io.raftlens.config.validate.ConfiguredPath.isPlausiblePath(path.value().toString());
    }

    /** The certificates of every consenter in scope, computed once per validation run. */
    static List<CertificateUse> inScope(io.raftlens.config.model.configtx.Configtx configtx, io.raftlens.config.validate.RuleContext context) {
        return context.shared(CertificateUse.class, () -> all(ConfigtxRule.orderers(configtx, context)));
    }

    /** The certificates of every consenter in scope: etcdraft Consenters, and ConsenterMapping when the orderer is BFT. */
    static List<CertificateUse> all(List<ConfigtxRule.OrdererInScope> orderers) {
        List<CertificateUse> out = new ArrayList<>();
        // a consenter inherited by many profiles is one bound struct: check it once
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ConfigtxRule.OrdererInScope o : orderers) {
            o.orderer().etcdRaft().ifPresent(r -> r.consenters().stream().filter(c -> seen.add(c.bound())).forEach(c -> add(out, c)));
            if (o.orderer().isBft()) {
                o.orderer().consenterMapping().stream().filter(c -> seen.add(c.bound())).forEach(c -> add(out, c));
            }
        }
        return out;
    }

    /** The client and server certificates of one consenter. */
    static List<CertificateUse> all(Consenter c) {
        List<CertificateUse> out = new ArrayList<>();
        add(out, c, "client", c.clientTlsCert());
        add(out, c, "server", c.serverTlsCert());
        return out;
    }

    private static void add(List<CertificateUse> out, Consenter c) {
        add(out, c, "client", c.clientTlsCert());
        add(out, c, "server", c.serverTlsCert());
        add(out, c, "identity", c.identity());
    }

    private static void add(List<CertificateUse> out, Consenter c, String role, Optional<Sourced<Path>> path) {
        path.filter(p -> !io.raftlens.config.value.Placeholders.contains(p.value().toString()))
                .ifPresent(p -> out.add(new CertificateUse(c, role, p)));
    }
}
