package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CTX008: a consenter host that no orderer endpoint (org OrdererEndpoints or global Addresses) names. */
final class ConsenterEndpointsRule extends ConfigtxRule {

    ConsenterEndpointsRule() {
        super("CTX008", Severity.WARNING, "Consenter not among the orderer endpoints",
                "Clients and peers reach ordering nodes through the orderer organizations' OrdererEndpoints (or the legacy global "
                        + "Addresses). A consenter whose host appears in none of them still takes part in Raft but receives no client "
                        + "traffic, and peers cannot fail over to it. Fabric recommends the endpoints map 1:1 to the consenters.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isEmpty()) {
                continue;
            }
            List<Sourced<String>> endpoints = new ArrayList<>(o.orderer().addresses());
            for (Organization org : o.orderer().organizations()) {
                endpoints.addAll(org.ordererEndpoints());
            }
            if (endpoints.isEmpty() || endpoints.stream().anyMatch(e -> Placeholders.contains(e.value()))) {
                continue;
            }
            Set<String> hosts = new HashSet<>();
            for (Sourced<String> e : endpoints) {
                hosts.add(host(e.value()));
            }
            List<Consenter> consenters = new ArrayList<>();
            if (o.orderer().isEtcdRaft()) {
                o.orderer().etcdRaft().ifPresent(r -> consenters.addAll(r.consenters()));
            } else if (o.orderer().isBft()) {
                consenters.addAll(o.orderer().consenterMapping());
            }
            // one finding per profile: the consenters the endpoints miss, at the first, the others as related places
            List<Consenter> missed = new ArrayList<>();
            List<Sourced<String>> missedHosts = new ArrayList<>();
            for (Consenter c : consenters) {
                c.host().filter(h -> !Placeholders.contains(h.value()))
                        .filter(h -> !hosts.contains(h.value().toLowerCase(Locale.ROOT)))
                        .ifPresent(h -> {
                            missed.add(c);
                            missedHosts.add(h);
                        });
            }
            if (missed.isEmpty()) {
                continue;
            }
            String listed = String.join(", ", endpoints.stream().map(Sourced::value).distinct().toList());
            List<io.raftlens.config.validate.Diagnostic.Related> others = new ArrayList<>();
            for (int i = 1; i < missed.size(); i++) {
                others.add(related(missedHosts.get(i).range(), "consenter " + missed.get(i).endpoint()));
            }
            String names = String.join(", ", missed.stream().map(Consenter::endpoint).toList());
            String what = missed.size() == 1 ? "consenter " + names + " is" : missed.size() + " consenters (" + names + ") are";
            String add = missed.size() == 1 ? missedHosts.get(0).value() + ":<port>" : "their hosts";
            report(sink, Severity.WARNING, missedHosts.get(0).range(), what + " not among the orderer endpoints of " + o.where()
                    + " (" + listed + "): clients and peers will not send " + (missed.size() == 1 ? "it" : "them")
                    + " transactions or pull blocks from " + (missed.size() == 1 ? "it" : "them") + "; add " + add
                    + " to the organizations' OrdererEndpoints", others);
        }
    }

    static String host(String endpoint) {
        String e = endpoint.trim();
        int colon = e.lastIndexOf(':');
        String h = colon > 0 ? e.substring(0, colon) : e;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
