package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT012: a consenter certificate file that cannot be read, is not PEM or not an x509 certificate. */
final class CertificateInvalidRule extends ConfigtxRule {

    CertificateInvalidRule() {
        super("RAFT012", Severity.ERROR, "Consenter certificate unreadable or invalid",
                "The certificate file exists but cannot be read, holds no PEM block, or its first PEM block is not an x509 "
                        + "certificate. configtxgen embeds the bytes without checking; the orderer then rejects the channel with "
                        + "\"consenter %s:%d has invalid certificate: parsing tls client cert of %s:%d: no PEM data found in cert\" "
                        + "(or \"TLS certificate has invalid ASN1 structure\").");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (CertificateUse use : CertificateUse.inScope(configtx, context)) {
            if (!use.isPath()) {
                continue; // RAFT011 reports it without quoting the value
            }
            CertificateFile cert = CertificateFile.read(context, use.path().value());
            String c = use.consenter().endpoint();
            switch (cert.status()) {
                case UNREADABLE -> report(sink, use.path().range(), "cannot read the " + use.role() + " certificate of consenter "
                        + c + " (" + use.path().value() + "): " + cert.problem() + "; configtxgen fails with \""
                        + use.fabricLoadError(cert.problem()) + "\"");
                case NOT_PEM, NOT_X509 -> report(sink, use.path().range(), "the " + use.role() + " certificate of consenter " + c
                        + " is not a PEM x509 certificate (" + cert.problem() + "): the orderer rejects the channel with \"consenter "
                        + c + " has invalid certificate: parsing tls " + use.role() + " cert of " + c + ": " + cert.problem() + "\"");
                default -> { }
            }
        }
    }
}
