package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX013: a policy's Type must be Signature or ImplicitMeta. */
final class PolicyTypeRule extends ConfigtxRule {

    PolicyTypeRule() {
        super("CTX013", Severity.ERROR, "Unknown policy type",
                "A policy needs Type Signature or ImplicitMeta (case-sensitive) and a Rule. configtxgen fails with \"unknown policy type: %s\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Policy p : PolicyScope.all(configtx, context)) {
            if (p.type().isEmpty()) {
                report(sink, p.keyRange(), "policy " + p.name() + " has no Type: configtxgen fails with \"unknown policy type: \"; "
                        + "use Type: Signature or Type: ImplicitMeta");
                continue;
            }
            Sourced<String> type = p.type().get();
            if (!type.value().equals("Signature") && !type.value().equals("ImplicitMeta")) {
                String hint = type.value().equalsIgnoreCase("signature") ? " (did you mean Signature?)"
                        : type.value().equalsIgnoreCase("implicitmeta") ? " (did you mean ImplicitMeta?)" : "";
                report(sink, type.range(), "policy " + p.name() + " has Type \"" + type.value() + "\"" + hint
                        + ": configtxgen fails with \"unknown policy type: " + type.value() + "\"; use Signature or ImplicitMeta");
            } else if (p.rule().isEmpty()) {
                report(sink, p.keyRange(), "policy " + p.name() + " has no Rule");
            }
        }
    }
}
