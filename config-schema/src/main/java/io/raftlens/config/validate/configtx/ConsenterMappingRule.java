package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CTX023: BFT needs a complete ConsenterMapping with unique IDs. */
final class ConsenterMappingRule extends ConfigtxRule {

    ConsenterMappingRule() {
        super("CTX023", Severity.ERROR, "BFT ConsenterMapping empty or incomplete",
                "OrdererType BFT takes its consenters from Orderer.ConsenterMapping; each needs ID, Host, Port, MSPID, ClientTLSCert, "
                        + "ServerTLSCert and Identity, with unique IDs. configtxgen panics with \"BFT configuration did not specify any "
                        + "consenter\" or \"consenter info in BFT configuration did not specify host\" (port, client TLS cert, server "
                        + "TLS cert, MSP ID, identity certificate).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isEmpty() || !o.orderer().isBft()) {
                continue;
            }
            List<Consenter> mapping = o.orderer().consenterMapping();
            if (mapping.isEmpty()) {
                report(sink, o.orderer().fieldKeyRange("ConsenterMapping"), o.where() + " uses OrdererType BFT but has no "
                        + "ConsenterMapping: configtxgen panics with \"BFT configuration did not specify any consenter\"");
                continue;
            }
            Map<Long, Consenter> ids = new HashMap<>();
            for (Consenter c : mapping) {
                List<String> missing = new ArrayList<>();
                if (c.host().isEmpty()) {
                    missing.add("host");
                }
                if (c.port().isEmpty()) {
                    missing.add("port");
                }
                if (c.clientTlsCert().isEmpty()) {
                    missing.add("client TLS cert");
                }
                if (c.serverTlsCert().isEmpty()) {
                    missing.add("server TLS cert");
                }
                if (c.mspId().filter(m -> !m.value().isEmpty()).isEmpty()) {
                    missing.add("MSP ID");
                }
                if (c.identity().isEmpty()) {
                    missing.add("identity certificate");
                }
                if (!missing.isEmpty()) {
                    report(sink, c.range(), "BFT consenter " + c.endpoint() + " does not specify " + String.join(", ", missing)
                            + ": configtxgen panics with \"consenter info in BFT configuration did not specify " + missing.get(0) + "\"");
                }
                c.id().ifPresent(id -> {
                    Consenter earlier = ids.putIfAbsent(id.value(), c);
                    if (earlier != null) {
                        report(sink, id.range(), "BFT consenter ID " + id.value() + " is used twice (also " + earlier.endpoint()
                                + "): every BFT node needs its own ID");
                    }
                });
            }
        }
    }
}
