package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RAFT013: a consenter certificate that has expired or is not valid yet. */
final class CertificateExpiredRule extends ConfigtxRule {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final Clock clock;

    CertificateExpiredRule(Clock clock) {
        super("RAFT013", Severity.ERROR, "Consenter certificate expired",
                "A consenter's TLS certificate is outside its validity period. TLS handshakes between ordering nodes fail, and "
                        + "the orderer refuses to add such a consenter in a config update (\"consenter %s:%d has invalid certificates\").");
        this.clock = clock;
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        Instant now = clock.instant();
        for (CertificateUse use : CertificateUse.inScope(configtx, context)) {
            CertificateFile cert = CertificateFile.read(context, use.path().value());
            if (cert.status() != CertificateFile.Status.OK) {
                continue;
            }
            Instant notAfter = cert.certificate().getNotAfter().toInstant();
            Instant notBefore = cert.certificate().getNotBefore().toInstant();
            String c = use.consenter().endpoint();
            if (now.isAfter(notAfter)) {
                report(sink, use.path().range(), "the " + use.role() + " certificate of consenter " + c + " expired on "
                        + DATE.format(notAfter) + ": TLS connections to this node fail; issue a new certificate");
            } else if (now.isBefore(notBefore)) {
                report(sink, use.path().range(), "the " + use.role() + " certificate of consenter " + c + " is not valid before "
                        + DATE.format(notBefore) + " (check the clock of the machine that issued it)");
            }
        }
    }
}
