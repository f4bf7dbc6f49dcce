package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** RAFT010: one certificate used by two different consenters. */
final class SharedCertificateRule extends ConfigtxRule {

    SharedCertificateRule() {
        super("RAFT010", Severity.ERROR, "Certificate shared by two consenters",
                "Two consenters use the same TLS certificate. Consenters are identified by their certificates, so the orderer "
                        + "rejects the channel with \"duplicate consenter: server cert: %s, client cert: %s\". The same certificate for "
                        + "client and server of one node is fine.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> check(context, raft.consenters(), sink));
        }
    }

    private void check(RuleContext context, List<Consenter> consenters, DiagnosticSink sink) {
        Map<String, CertificateUse> first = new HashMap<>();
        for (Consenter c : consenters) {
            for (CertificateUse use : CertificateUse.all(c)) {
                String identity = identity(context, use.path().value());
                CertificateUse earlier = first.putIfAbsent(identity, use);
                if (earlier != null && earlier.consenter().index() != c.index()) {
                    report(sink, severity(), use.path().range(), "consenter " + c.endpoint() + " uses the same certificate as consenter "
                            + earlier.consenter().endpoint() + " (" + use.path().value().getFileName() + "): the orderer rejects the "
                            + "channel with \"duplicate consenter: server cert: …, client cert: …\"; give each node its own TLS certificate",
                            List.of(related(earlier.path().range(), "also used by consenter " + earlier.consenter().endpoint())));
                }
            }
        }
    }

    /** The certificate's content when readable (two paths can hold one certificate), else its path. */
    private static String identity(RuleContext context, Path path) {
        CertificateFile f = CertificateFile.read(context, path);
        if (f.status() == CertificateFile.Status.OK) {
            try {
                return "der:" + HexFormat.of().formatHex(f.certificate().getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                return "path:" + path.normalize();
            }
        }
        return "path:" + path.toAbsolutePath().normalize();
    }

    private Severity severity() {
        return info().severity();
    }
}
