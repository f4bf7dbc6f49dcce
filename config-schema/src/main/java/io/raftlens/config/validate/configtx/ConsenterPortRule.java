package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.ArrayList;
import java.util.List;

/** RAFT018: a consenter Port outside 1–65535. */
final class ConsenterPortRule extends ConfigtxRule {

    ConsenterPortRule() {
        super("RAFT018", Severity.ERROR, "Consenter port out of range",
                "Port is a uint32 in the config, so configtxgen accepts any number, but a TCP port is 1–65535; the other nodes "
                        + "fail to dial the consenter (\"invalid port\").");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            List<Consenter> all = new ArrayList<>(o.orderer().consenterMapping());
            o.orderer().etcdRaft().ifPresent(r -> all.addAll(r.consenters()));
            for (Consenter c : all) {
                c.port().filter(p -> p.value() > 65535).ifPresent(p -> report(sink, p.range(), "consenter " + c.endpoint()
                        + ": port " + p.value() + " is not a TCP port (1–65535)"));
            }
        }
    }
}
