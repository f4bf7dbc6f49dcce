package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX017: every organization needs an MSP ID. */
final class MspIdRule extends ConfigtxRule {

    MspIdRule() {
        super("CTX017", Severity.ERROR, "Organization without MSP ID",
                "An organization's ID is its MSP ID, used in every policy principal. configtxgen fails with \"MSP for org %s has "
                        + "empty MSP ID\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.org().skipAsForeign()) {
                continue;
            }
            boolean empty = o.org().id().map(s -> s.value().isBlank()).orElse(true);
            if (empty) {
                report(sink, orgSeverity(configtx, o, Severity.ERROR),
                        o.org().id().map(s -> s.range()).orElse(o.org().name().map(n -> n.keyRange()).orElse(o.org().range())),
                        "organization " + o.org().label() + " has no ID (MSP ID): configtxgen fails with \"MSP for org "
                                + o.org().label() + " has empty MSP ID\"" + orgNote(configtx, o));
            }
        }
    }
}
