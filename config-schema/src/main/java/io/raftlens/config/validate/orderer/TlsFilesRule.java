package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Tls;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;

/** ORD011: a TLS server that is enabled needs its Certificate and PrivateKey. */
final class TlsFilesRule extends OrdererRule {

    TlsFilesRule() {
        super("ORD011", Severity.ERROR, "TLS enabled without certificate or key",
                "General.TLS, Admin.TLS or Operations.TLS has Enabled: true but no Certificate or PrivateKey. The orderer "
                        + "cannot start that server (for General.TLS: \"Failed to load server Certificate file ''\").");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        for (Tls tls : List.of(model.general().tls(), model.admin().tls(), model.operations().tls())) {
            if (!tls.enabled()) {
                continue;
            }
            List<String> missing = List.of("Certificate", "PrivateKey").stream().filter(k -> !tls.isSet(k)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            report(sink, valueRange(tls.entry("Enabled").orElseThrow()), tls.path() + ".Enabled is true but "
                    + String.join(" and ", missing.stream().map(k -> tls.path() + "." + k).toList())
                    + (missing.size() == 1 ? " is" : " are") + " not set: the orderer cannot start this TLS server");
        }
    }
}
