package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.ArrayList;
import java.util.List;

/** RAFT008: every etcdraft consenter needs Host, Port, ClientTLSCert and ServerTLSCert. */
final class ConsenterFieldsRule extends ConfigtxRule {

    ConsenterFieldsRule() {
        super("RAFT008", Severity.ERROR, "Consenter incomplete",
                "Each consenter needs Host, Port, ClientTLSCert and ServerTLSCert. configtxgen panics with \"consenter info in "
                        + "etcdraft configuration did not specify host\" (port, client TLS cert, server TLS cert).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                for (Consenter c : raft.consenters()) {
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
                    if (!missing.isEmpty()) {
                        report(sink, c.range(), "consenter " + c.raftId() + " (" + c.endpoint() + ") has no "
                                + String.join(", ", missing).replace("host", "Host").replace("port", "Port")
                                .replace("client TLS cert", "ClientTLSCert").replace("server TLS cert", "ServerTLSCert")
                                + ": configtxgen panics with \"consenter info in etcdraft configuration did not specify "
                                + missing.get(0) + "\"");
                    }
                }
            });
        }
    }
}
