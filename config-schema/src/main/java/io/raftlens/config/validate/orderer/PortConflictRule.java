package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;

/** ORD009: two servers of the orderer on the same port of the same interface. */
final class PortConflictRule extends OrdererRule {

    PortConflictRule() {
        super("ORD009", Severity.ERROR, "Same port used by two listeners",
                "The general listener, the separate cluster listener, Operations, Admin and the pprof profile server "
                        + "each open their own socket. Two of them on the same port (and the same or a wildcard address) "
                        + "make the second fail at start with \"bind: address already in use\".");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        List<Listener> listeners = Listener.of(model);
        for (int j = 1; j < listeners.size(); j++) {
            Listener later = listeners.get(j);
            for (int i = 0; i < j; i++) {
                Listener earlier = listeners.get(i);
                if (later.range().isEmpty() || !later.address().collidesWith(earlier.address())) {
                    continue;
                }
                String where = earlier.range().map(r -> " (line " + (r.start().line() + 1) + ")").orElse(" (its default)");
                List<Diagnostic.Related> related = earlier.range()
                        .map(r -> List.of(new Diagnostic.Related(null, r, earlier.name() + " " + earlier.address())))
                        .orElse(List.of());
                report(sink, Severity.ERROR, later.range().get(), later.name() + " " + later.address() + " uses port "
                        + later.address().port() + ", already used by " + earlier.name() + " " + earlier.address() + where
                        + ": the orderer fails at start with \"bind: address already in use\"", related);
                break;
            }
        }
    }
}
