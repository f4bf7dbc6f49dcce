package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CTX009: OrdererEndpoints and Addresses entries must be host:port. */
final class EndpointFormatRule extends ConfigtxRule {

    private static final Pattern ENDPOINT = Pattern.compile("^(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})$");

    EndpointFormatRule() {
        super("CTX009", Severity.ERROR, "Endpoint is not host:port",
                "OrdererEndpoints and Addresses entries are dialled as host:port by peers and clients. configtxgen copies them "
                        + "unchecked, so a missing or invalid port only shows when peers fail to connect (\"missing port in address\").");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        List<Sourced<String>> endpoints = new ArrayList<>();
        organizations(configtx, context).forEach(o -> endpoints.addAll(o.org().ordererEndpoints()));
        orderers(configtx, context).forEach(o -> endpoints.addAll(o.orderer().addresses()));
        for (Sourced<String> e : endpoints) {
            String v = e.value().trim();
            if (Placeholders.contains(v)) {
                continue;
            }
            Matcher m = ENDPOINT.matcher(v);
            if (!m.matches()) {
                report(sink, e.range(), "orderer endpoint \"" + e.value() + "\" is not host:port (e.g. orderer0.example.com:7050); "
                        + "peers and clients will fail to dial it");
            } else {
                int port = Integer.parseInt(m.group(2));
                if (port < 1 || port > 65535) {
                    report(sink, e.range(), "orderer endpoint \"" + e.value() + "\": port " + port + " is not a TCP port (1–65535)");
                }
            }
        }
    }
}
