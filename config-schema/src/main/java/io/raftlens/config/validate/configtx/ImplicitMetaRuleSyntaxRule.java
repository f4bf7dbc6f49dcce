package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.PolicyDsl;

/** CTX014: ImplicitMeta rules are exactly "ANY|ALL|MAJORITY SubPolicy". */
final class ImplicitMetaRuleSyntaxRule extends ConfigtxRule {

    ImplicitMetaRuleSyntaxRule() {
        super("CTX014", Severity.ERROR, "Invalid ImplicitMeta rule",
                "An ImplicitMeta Rule is exactly two tokens separated by one space: ANY, ALL or MAJORITY (upper case) and a "
                        + "sub-policy name. configtxgen fails with \"invalid implicit meta policy rule '%s': expected two space "
                        + "separated tokens, but got %d\" or \"unknown rule type '%s', expected ALL, ANY, or MAJORITY\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Policy p : PolicyScope.all(configtx, context)) {
            if (p.type().isEmpty() || !p.type().get().value().equals("ImplicitMeta") || p.rule().isEmpty()) {
                continue;
            }
            String rule = p.rule().get().value();
            PolicyDsl.implicitMetaError(rule).ifPresent(error -> report(sink, p.rule().get().range(), "policy " + p.name()
                    + ": configtxgen fails with \"invalid implicit meta policy rule '" + rule + "': " + error
                    + "\"; write e.g. \"MAJORITY Admins\""));
        }
    }
}
