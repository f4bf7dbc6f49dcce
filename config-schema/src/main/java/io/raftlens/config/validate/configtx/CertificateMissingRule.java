package io.raftlens.config.validate.configtx;

import io.raftlens.config.validate.MissingFiles;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.ConfiguredPath;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT011: a consenter certificate value that is not a path at all; a missing file is noted for FILE003. */
final class CertificateMissingRule extends ConfigtxRule {

    CertificateMissingRule() {
        super("RAFT011", Severity.ERROR, "Consenter certificate is not a file path",
                "ClientTLSCert, ServerTLSCert (and BFT Identity) name PEM files, relative to configtx.yaml; configtxgen reads "
                        + "them and embeds their content. A pasted certificate or key is not a path: configtxgen fails with "
                        + "\"cannot load client cert for consenter %s:%d: open …\". A file that does not exist yet is reported by "
                        + "FILE003.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (CertificateUse use : CertificateUse.inScope(configtx, context)) {
            if (!use.isPath()) {
                // a pasted key or certificate: name the field, never quote the value
                report(sink, use.path().range(), ConfiguredPath.notAPath(use.key()) + " (consenter " + use.consenter().endpoint()
                        + ")");
            } else if (CertificateFile.read(context, use.path().value()).status() == CertificateFile.Status.MISSING) {
                MissingFiles.in(context).add(use.path().value(), use.path().range(), "the " + use.role()
                        + " certificate of consenter " + use.consenter().endpoint(), "configtxgen will fail with \""
                        + use.fabricLoadError("no such file or directory") + "\"");
            }
        }
    }
}
