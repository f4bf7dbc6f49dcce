package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Tls;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.Range;

/** ORD007: the admin (channel participation) endpoint with TLS must require client certificates. */
final class AdminTlsRule extends OrdererRule {

    static final String FABRIC_PANIC = "Admin.TLS.ClientAuthRequired must be set to true if Admin.TLS.Enabled is set to true";

    AdminTlsRule() {
        super("ORD007", Severity.ERROR, "Admin TLS requires client authentication",
                "When TLS is enabled, the admin endpoint requires mutual TLS. The orderer panics at start with \""
                        + FABRIC_PANIC + "\" (an absent ClientAuthRequired is false).");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        Tls tls = model.admin().tls();
        if (!tls.enabled() || tls.clientAuthRequired()) {
            return;
        }
        Range where = tls.entry("ClientAuthRequired").map(OrdererRule::valueOrKey)
                .orElseGet(() -> valueRange(tls.entry("Enabled").orElseThrow()));
        String state = tls.entry("ClientAuthRequired").isPresent() ? "is not true" : "is not set";
        report(sink, where, "Admin.TLS.ClientAuthRequired " + state + " while Admin.TLS.Enabled is true: the orderer panics "
                + "at start with \"" + FABRIC_PANIC + "\"");
    }
}
