package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * RAFT019: a consenter TLS certificate must be issued by a TLS CA of one of the channel's orderer
 * organizations (their MSPDir's tlscacerts, through tlsintermediatecerts).
 */
final class CertificateChainRule extends ConfigtxRule {

    private static final int MAX_CHAIN = 5;

    CertificateChainRule() {
        super("RAFT019", Severity.ERROR, "Consenter certificate not issued by an orderer TLS CA",
                "The orderer verifies each consenter's client and server TLS certificate against the TLS root and intermediate "
                        + "certificates (tlscacerts, tlsintermediatecerts) of the channel's orderer organizations' MSPs. A certificate "
                        + "from another CA is rejected at join with \"consenter %s:%d has invalid certificate: verifying tls client "
                        + "cert with serial number %d: x509: certificate signed by unknown authority\". Checked when the MSP folders exist.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        if (!context.settings().checkFiles()) {
            return;
        }
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isEmpty()) {
                continue;
            }
            List<X509Certificate> roots = new ArrayList<>();
            List<X509Certificate> intermediates = new ArrayList<>();
            boolean complete = !o.orderer().organizations().isEmpty();
            for (Organization org : o.orderer().organizations()) {
                Path dir = org.mspDir().map(Sourced::value).orElse(null);
                if (dir == null || !Files.isDirectory(dir.resolve("tlscacerts"))) {
                    complete = false; // an MSP not generated yet: its consenters cannot be judged
                    break;
                }
                roots.addAll(certificates(context, dir.resolve("tlscacerts")));
                intermediates.addAll(certificates(context, dir.resolve("tlsintermediatecerts")));
            }
            if (!complete || roots.isEmpty()) {
                continue;
            }
            for (CertificateUse use : CertificateUse.all(List.of(o))) {
                if (use.role().equals("identity")) {
                    continue;
                }
                CertificateFile cert = CertificateFile.read(context, use.path().value());
                if (cert.status() != CertificateFile.Status.OK || chainsTo(cert.certificate(), roots, intermediates)) {
                    continue;
                }
                String c = use.consenter().endpoint();
                report(sink, use.path().range(), "the " + use.role() + " certificate of consenter " + c + " (issuer "
                        + cert.certificate().getIssuerX500Principal().getName() + ") is not issued by the TLS CA of any orderer "
                        + "organization of " + o.where() + ": the orderer rejects the channel with \"consenter " + c + " has invalid "
                        + "certificate: verifying tls " + use.role() + " cert with serial number " + cert.certificate().getSerialNumber()
                        + ": x509: certificate signed by unknown authority\"");
            }
        }
    }

    static boolean chainsTo(X509Certificate cert, List<X509Certificate> roots, List<X509Certificate> intermediates) {
        X509Certificate current = cert;
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            for (X509Certificate root : roots) {
                if (signedBy(current, root)) {
                    return true;
                }
            }
            X509Certificate next = null;
            for (X509Certificate mid : intermediates) {
                if (mid != current && signedBy(current, mid)) {
                    next = mid;
                    break;
                }
            }
            if (next == null) {
                return false;
            }
            current = next;
        }
        return false;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> certificates(RuleContext context, Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> CertificateFile.read(context, f))
                    .filter(f -> f.status() == CertificateFile.Status.OK)
                    .map(CertificateFile::certificate)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
