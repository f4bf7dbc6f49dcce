package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.ConfiguredPath;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT011: a consenter certificate file that does not exist (yet), or a value that is not a path at all. */
final class CertificateMissingRule extends ConfigtxRule {

    CertificateMissingRule() {
        super("RAFT011", Severity.WARNING, "Consenter certificate file missing",
                "A ClientTLSCert/ServerTLSCert (or BFT Identity) file does not exist. Crypto material is often generated after "
                        + "the configuration is written, so this is a warning; configtxgen fails with \"cannot load client cert for "
                        + "consenter %s:%d: open …: no such file or directory\" if it is still missing when the block is generated.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (CertificateUse use : CertificateUse.inScope(configtx, context)) {
            if (!use.isPath()) {
                // a pasted key or certificate: name the field, never quote the value
                report(sink, use.path().range(), ConfiguredPath.notAPath(use.key()) + " (consenter " + use.consenter().endpoint()
                        + ")");
            } else if (CertificateFile.read(context, use.path().value()).status() == CertificateFile.Status.MISSING) {
                report(sink, use.path().range(), "the " + use.role() + " certificate of consenter " + use.consenter().endpoint()
                        + " does not exist: " + use.path().value() + "; configtxgen will fail with \"" + use.fabricLoadError(
                        "no such file or directory") + "\" unless it is generated first");
            }
        }
    }
}
