package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RAFT009: two consenters at the same Host:Port. */
final class DuplicateEndpointRule extends ConfigtxRule {

    DuplicateEndpointRule() {
        super("RAFT009", Severity.ERROR, "Two consenters at one endpoint",
                "Two consenters have the same Host and Port. Only one ordering node can listen there, so the other is "
                        + "unreachable and the cluster has one member less than it counts on for its quorum.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> check(raft.consenters(), sink));
            if (o.orderer().isBft()) {
                check(o.orderer().consenterMapping(), sink);
            }
        }
    }

    private void check(List<Consenter> consenters, DiagnosticSink sink) {
        Map<String, Consenter> first = new HashMap<>();
        for (Consenter c : consenters) {
            if (c.host().isEmpty() || c.port().isEmpty()) {
                continue;
            }
            String key = c.host().get().value().toLowerCase(Locale.ROOT) + ":" + c.port().get().value();
            Consenter earlier = first.putIfAbsent(key, c);
            if (earlier != null) {
                report(sink, severity(), c.host().get().range(), "consenter " + c.endpoint() + " is listed twice (also consenter "
                        + earlier.raftId() + " at line " + (earlier.range().start().line() + 1) + "): each ordering node needs its own "
                        + "Host:Port", List.of(related(earlier.range(), "first consenter at " + c.endpoint())));
            }
        }
    }

    private Severity severity() {
        return info().severity();
    }
}
